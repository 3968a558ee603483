package io.zerogc.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the sample application.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    /**
     * Largest quantity the risk check lets through.
     */
    private int maxQuantity = 900;

    /**
     * Orders per second the traffic generator publishes.
     */
    private int trafficRate = 100_000;

    /**
     * Whether the traffic generator starts with the application.
     */
    private boolean trafficOnStartup;

    /**
     * The largest quantity the risk check lets through.
     *
     * @return the limit
     */
    public int getMaxQuantity() {
        return maxQuantity;
    }

    /**
     * Sets the quantity limit.
     *
     * @param maxQuantity the limit
     */
    public void setMaxQuantity(int maxQuantity) {
        this.maxQuantity = maxQuantity;
    }

    /**
     * The traffic generator's rate.
     *
     * @return orders per second
     */
    public int getTrafficRate() {
        return trafficRate;
    }

    /**
     * Sets the traffic generator's rate.
     *
     * @param trafficRate orders per second
     */
    public void setTrafficRate(int trafficRate) {
        this.trafficRate = trafficRate;
    }

    /**
     * Whether traffic starts with the application.
     *
     * @return {@code true} to start it at boot
     */
    public boolean isTrafficOnStartup() {
        return trafficOnStartup;
    }

    /**
     * Sets whether traffic starts with the application.
     *
     * @param trafficOnStartup {@code true} to start it at boot
     */
    public void setTrafficOnStartup(boolean trafficOnStartup) {
        this.trafficOnStartup = trafficOnStartup;
    }
}
