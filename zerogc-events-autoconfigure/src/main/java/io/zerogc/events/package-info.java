/**
 * Public API of zerogc-events, all of it: the {@link io.zerogc.events.ZeroGcListener} annotation, the
 * {@link io.zerogc.events.ZeroGcEventPublisher}, pooled events and their fillers, the exceptions a
 * publisher may catch, and the callbacks an application can provide. Every other package is internal.
 */
package io.zerogc.events;
