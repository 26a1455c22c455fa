package com.acme;

import java.util.HashMap;
import java.util.Map;

public class Inventory implements Stock {
    private final Map<String, Integer> counts = new HashMap<>();

    public int available(String sku) {
        return counts.getOrDefault(sku, 0);
    }

    public boolean reserve(String sku, int count) {
        if (available(sku) < count) {
            return false;
        }
        counts.put(sku, available(sku) - count);
        return true;
    }
}
