/**
 * Test support: allocation measurement, the README's blocks, the shape of JSON responses.
 */
package io.zerogc.events.support;
