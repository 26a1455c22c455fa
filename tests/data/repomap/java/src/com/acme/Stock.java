package com.acme;

public interface Stock {
    int available(String sku);
}
