/**
 * Public API of zerogc-events: the {@link io.zerogc.events.ZeroGcListener} annotation, the
 * {@link io.zerogc.events.ZeroGcEventPublisher} and the types they are configured with.
 */
package io.zerogc.events;
