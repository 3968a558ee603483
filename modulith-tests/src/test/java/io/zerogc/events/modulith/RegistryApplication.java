package io.zerogc.events.modulith;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application: Boot's auto-configuration with Modulith's JDBC registry, H2 and, unless switched off, the starter. */
@SpringBootApplication
public class RegistryApplication {
}
