package io.zerogc.sample;

import io.zerogc.events.ZeroGcEventPublisher;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places orders and drives the traffic generator over HTTP.
 */
@RestController
@RequestMapping("/api")
public class OrderController {

    private final ZeroGcEventPublisher publisher;
    private final TradeBook book;
    private final AuditTrail audit;
    private final TrafficGenerator traffic;
    private final RejectionAlerts alerts;
    private final AtomicLong manualIds = new AtomicLong(1_000_000_000_000L);

    OrderController(ZeroGcEventPublisher publisher, TradeBook book, AuditTrail audit, TrafficGenerator traffic,
            RejectionAlerts alerts) {
        this.publisher = publisher;
        this.alerts = alerts;
        this.book = book;
        this.audit = audit;
        this.traffic = traffic;
    }

    /**
     * Places one order.
     *
     * @param request the order
     * @return the published event
     */
    @PostMapping("/orders")
    public OrderPlaced place(@RequestBody PlaceOrder request) {
        OrderPlaced order = new OrderPlaced(manualIds.incrementAndGet(), request.symbol(), request.quantity(),
                request.priceCents());
        publisher.publish(order);
        return order;
    }

    /**
     * What the listeners have seen.
     *
     * @return the book's totals, the last audited order and the traffic state
     */
    @GetMapping("/stats")
    public Stats stats() {
        return new Stats(book.totals(), audit.lastOrderId(), alerts.alerts(), traffic.rate(), traffic.published(),
                traffic.ticks());
    }

    /**
     * Starts the traffic generator, or changes its rate.
     *
     * @param rate orders per second
     * @return the new stats
     */
    @PostMapping("/traffic/start")
    public Stats startTraffic(@RequestParam(defaultValue = "100000") int rate) {
        traffic.start(rate);
        return stats();
    }

    /**
     * Stops the traffic generator.
     *
     * @return the new stats
     */
    @PostMapping("/traffic/stop")
    public Stats stopTraffic() {
        traffic.stop();
        return stats();
    }

    /**
     * An order to place.
     *
     * @param symbol the instrument
     * @param quantity how many units
     * @param priceCents the limit price, in cents
     */
    public record PlaceOrder(String symbol, int quantity, long priceCents) {
    }

    /**
     * A snapshot of the pipeline.
     *
     * @param book the trade book's totals
     * @param lastAuditedOrder the last order id the audit trail saw
     * @param rejectionAlerts rejections the classic {@code @EventListener} received
     * @param trafficRate the generator's rate in steps per second, 0 when stopped
     * @param trafficPublished orders the generator has published
     * @param trafficTicks pooled quote ticks the generator has published
     */
    public record Stats(TradeBook.BookTotals book, long lastAuditedOrder, long rejectionAlerts, int trafficRate,
            long trafficPublished, long trafficTicks) {
    }
}
