package io.monban.idp.startup;

import io.monban.idp.bootstrap.BootstrapLoader;
import io.monban.idp.oidc.KeyRotationJob;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * What must be done before Monban can serve anything: the first signing keys (tokens and SAML)
 * and the bootstrap file (clients, service providers, connector tokens). It runs in a lifecycle
 * phase before the web server's, so the port opens only when every configured client can be
 * served; an error here stops start-up before anything is served.
 */
@Component
class StartUpWork implements SmartLifecycle {

    /**
     * Before the web server starts (its start/stop lifecycle runs 1024 after the graceful
     * shutdown phase), and so stopped only after it.
     */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(StartUpWork.class);

    private final StartUpLock lock;
    private final KeyRotationJob keys;
    private final BootstrapLoader bootstrap;
    private final DataDirectoryProperties data;
    private volatile boolean running;

    StartUpWork(StartUpLock lock, KeyRotationJob keys, BootstrapLoader bootstrap, DataDirectoryProperties data) {
        this.lock = lock;
        this.keys = keys;
        this.bootstrap = bootstrap;
        this.data = data;
    }

    @Override
    public void start() {
        long began = System.nanoTime();
        lock.whileHeld(() -> {
            keys.rotateIfDue();
            bootstrap.applyConfigured();
        });
        running = true;
        log.info("start-up work done took_ms={} since_jvm_start_ms={} data_dir={}", (System.nanoTime() - began) / 1_000_000,
                ManagementFactory.getRuntimeMXBean().getUptime(), data.dataDir().toAbsolutePath().normalize());
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
