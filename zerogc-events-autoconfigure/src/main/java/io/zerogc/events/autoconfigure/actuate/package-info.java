/**
 * The {@code zerogcevents} actuator endpoint and its auto-configuration.
 *
 * <p>Not API: applications read the endpoint over HTTP or JMX.
 */
package io.zerogc.events.autoconfigure.actuate;
