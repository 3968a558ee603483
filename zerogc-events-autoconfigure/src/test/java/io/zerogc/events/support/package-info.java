/**
 * Test support: allocation measurement.
 */
package io.zerogc.events.support;
