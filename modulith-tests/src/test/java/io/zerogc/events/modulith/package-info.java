/**
 * The starter in a Spring Modulith application: an order service publishing in transactions, a module
 * listener and a plain and a compiled listener, Modulith's JDBC publication registry over H2.
 */
package io.zerogc.events.modulith;
