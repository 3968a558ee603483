/**
 * A small order pipeline that runs on zerogc-events: orders are risk-checked, booked and, when
 * rejected, logged, all through compiled listeners.
 */
package io.zerogc.sample;
