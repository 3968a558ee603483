/**
 * The dispatch engine: listener methods compiled into direct invokers, per-class dispatchers generated
 * as bytecode, the routes that hold them per event class, and {@link io.zerogc.events.dispatch.EventDispatcher},
 * which delivers synchronously and hands events for asynchronous listeners to the ring. Plain Java: no
 * Spring imports but the ASM that spring-core repackages ({@code org.springframework.asm}), a
 * self-contained bytecode library, so the engine can be built and benchmarked on its own.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.dispatch;
