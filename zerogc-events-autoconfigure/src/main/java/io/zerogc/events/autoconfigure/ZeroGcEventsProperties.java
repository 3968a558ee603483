package io.zerogc.events.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for zerogc-events.
 */
@ConfigurationProperties("zerogc.events")
public class ZeroGcEventsProperties {

    /**
     * Whether to compile @ZeroGcListener methods and provide the zero-allocation publisher.
     */
    private boolean enabled = true;

    /**
     * What a listener failure does when no ListenerErrorHandler bean takes over.
     */
    private ErrorPolicy errorPolicy = ErrorPolicy.PROPAGATE;

    /**
     * Whether zerogc-events is on.
     *
     * @return {@code true} unless switched off
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Switches zerogc-events on or off.
     *
     * @param enabled whether it is on
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The policy for listener failures.
     *
     * @return the policy
     */
    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    /**
     * Sets the policy for listener failures.
     *
     * @param errorPolicy the policy
     */
    public void setErrorPolicy(ErrorPolicy errorPolicy) {
        this.errorPolicy = errorPolicy;
    }

    /**
     * What happens when a synchronous listener throws.
     */
    public enum ErrorPolicy {

        /**
         * As Spring does: the exception reaches the publisher unchanged (a checked one wrapped in
         * UndeclaredThrowableException) and the remaining listeners are not called.
         */
        PROPAGATE,

        /**
         * The failure is logged and counted, and the remaining listeners are called.
         */
        LOG_AND_CONTINUE
    }
}
