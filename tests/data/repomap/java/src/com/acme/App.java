package com.acme;

public class App {
    public static void main(String[] args) {
        Inventory inventory = new Inventory();
        boolean ok = inventory.reserve("apple", 2);
        System.out.println(ok);
    }
}
