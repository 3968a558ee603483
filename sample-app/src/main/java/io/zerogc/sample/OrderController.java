package io.zerogc.sample;

import io.zerogc.events.ZeroGcEventPublisher;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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
    private final LaneFigures.Reader figures;
    private final AtomicLong manualIds = new AtomicLong(1_000_000_000_000L);

    OrderController(ZeroGcEventPublisher publisher, TradeBook book, AuditTrail audit, TrafficGenerator traffic,
            RejectionAlerts alerts, LaneFigures.Reader figures) {
        this.publisher = publisher;
        this.figures = figures;
        this.alerts = alerts;
        this.book = book;
        this.audit = audit;
        this.traffic = traffic;
    }

    /**
     * Places one order.
     *
     * @param request the order: {@code symbol} 1 to 12 capital letters, digits, dots or dashes, {@code quantity}
     *     1 to 1,000,000, {@code priceCents} 1 to 10,000,000,000
     * @return the published event
     * @throws ResponseStatusException 400, as a problem detail naming the {@code field}, for an order out of
     *     those bounds
     */
    @PostMapping("/orders")
    public PlacedOrder place(@RequestBody PlaceOrder request) {
        validate(request);
        PlacedOrder placed = new PlacedOrder(manualIds.incrementAndGet(), request.symbol(), request.quantity(),
                request.priceCents());
        // Pooled: answered from the copy above, since the instance goes back to its pool after its listeners.
        publisher.publish(publisher.borrow(OrderPlaced.class).fill(placed.orderId(), placed.symbol(),
                placed.quantity(), placed.priceCents()));
        return placed;
    }

    /** The most units one order may ask for. */
    static final int MAX_QUANTITY = 1_000_000;
    /** The highest limit price, in cents: with {@link #MAX_QUANTITY} its notional fits a long many times over. */
    static final long MAX_PRICE_CENTS = 100_000_000_00L;
    /** A symbol: 1 to 12 capital letters, digits, dots or dashes. */
    private static final java.util.regex.Pattern SYMBOL = java.util.regex.Pattern.compile("[A-Z0-9.-]{1,12}");

    /**
     * Refuses an order the book cannot take: a 400 problem detail whose {@code field} names the culprit.
     *
     * @throws ResponseStatusException 400 naming the field and the value
     */
    private static void validate(PlaceOrder request) {
        if (request.symbol() == null || !SYMBOL.matcher(request.symbol()).matches()) {
            throw invalid("symbol", "symbol must be 1 to 12 capital letters, digits, '.' or '-', was "
                    + (request.symbol() == null ? "missing" : request.symbol().length() > 40
                            ? "a string of " + request.symbol().length() + " characters" : "'" + request.symbol() + "'"));
        }
        if (request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
            throw invalid("quantity", String.format(java.util.Locale.ROOT, "quantity must be from 1 to %,d, was %,d",
                    MAX_QUANTITY, request.quantity()));
        }
        if (request.priceCents() < 1 || request.priceCents() > MAX_PRICE_CENTS) {
            throw invalid("priceCents", String.format(java.util.Locale.ROOT,
                    "priceCents must be from 1 to %,d, was %,d", MAX_PRICE_CENTS, request.priceCents()));
        }
    }

    private static ResponseStatusException invalid(String field, String detail) {
        ResponseStatusException invalid = new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
        invalid.getBody().setProperty("field", field);
        return invalid;
    }

    /**
     * What the listeners have seen.
     *
     * @return the book's totals, the last audited order and the traffic state
     */
    @GetMapping("/stats")
    public Stats stats() {
        return new Stats(book.totals(), audit.lastOrderId(), alerts.alerts(), traffic.rate(), traffic.lane().id(),
                traffic.published(), traffic.ticks());
    }

    /**
     * What each lane has published and allocated, the Spring lane's latency, the JVM's allocation and
     * garbage collections: the dashboard's figures besides the starter's own endpoint.
     *
     * @return the figures
     */
    @GetMapping("/lanes")
    public LaneFigures lanes() {
        return figures.read();
    }

    /**
     * Starts the traffic generator, or changes its lane or rate.
     *
     * @param rate steps per second, from 1 to 5,000,000
     * @param lane {@code zerogc} or {@code spring}
     * @return the new stats
     * @throws ResponseStatusException 400, as a problem detail, for a rate out of range or an unknown lane
     */
    @PostMapping("/traffic/start")
    public Stats startTraffic(@RequestParam(defaultValue = "100000") int rate,
            @RequestParam(defaultValue = "zerogc") String lane) {
        try {
            traffic.start(TrafficGenerator.Lane.of(lane), rate);
        }
        catch (IllegalArgumentException ex) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
        }
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
     * An order as placed: what the pooled event carried when it was published.
     *
     * @param orderId the order's id
     * @param symbol the instrument
     * @param quantity how many units
     * @param priceCents the limit price, in cents
     */
    public record PlacedOrder(long orderId, String symbol, int quantity, long priceCents) {
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
     * @param trafficLane the lane the traffic takes (or last took): {@code zerogc} or {@code spring}
     * @param trafficPublished orders the generator has published through the zerogc lane
     * @param trafficTicks pooled quote ticks the generator has published
     */
    public record Stats(TradeBook.BookTotals book, long lastAuditedOrder, long rejectionAlerts, int trafficRate,
            String trafficLane, long trafficPublished, long trafficTicks) {
    }
}
