package io.monban.idp.startup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataDir where the embedded setup keeps its files (the H2 database, the generated master
 *                key); relative paths start at the working directory of the process
 */
@ConfigurationProperties("monban")
public record DataDirectoryProperties(@DefaultValue("./data") Path dataDir) {
}
