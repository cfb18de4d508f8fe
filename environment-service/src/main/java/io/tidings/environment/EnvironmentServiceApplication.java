package io.tidings.environment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class EnvironmentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnvironmentServiceApplication.class, args);
    }
}
