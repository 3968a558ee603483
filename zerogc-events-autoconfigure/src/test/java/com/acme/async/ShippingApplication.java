package com.acme.async;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The application {@code ShippingTest} boots. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AuditTrail.class)
class ShippingApplication {
}
