package io.monban.idp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(scanBasePackages = "io.monban")
@EntityScan("io.monban")
@EnableJpaRepositories("io.monban")
@ConfigurationPropertiesScan("io.monban.idp")
@EnableScheduling
public class MonbanApplication {

    public static void main(String[] args) {
        SpringApplication.run(MonbanApplication.class, args);
    }
}
