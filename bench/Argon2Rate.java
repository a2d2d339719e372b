import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Raw Argon2id rate with Monban's password parameters (salt 16 bytes, hash 32 bytes, parallelism 1,
 * memory 19456 KiB, 2 iterations), through the same Spring Security encoder over BouncyCastle.
 * It verifies (matches) a stored hash, which is what every sign-in does, with 1, 2 and 4 threads
 * (4: as many hashes at once as the four parallel code-flow clients cause), after a warm-up, in
 * alternating rounds, and reports the median round.
 *
 * <pre>java -cp spring-security-crypto.jar:bcprov-jdk18on.jar:commons-logging.jar bench/Argon2Rate.java \
 *      [warmupSeconds=5] [secondsPerRound=4] [rounds=3]</pre>
 *
 * Ends with one line per thread count: {@code argon2 threads=N rate=R/s (median ...)}; lines
 * starting with {@code #} are details.
 */
public class Argon2Rate {

    public static void main(String[] args) throws Exception {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        String password = "violet-harbor-cactus-91-lantern";
        String hash = encoder.encode(password);
        System.out.println("# " + hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1)) + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        run(encoder, password, hash, 2, warmup);
        int[] threadCounts = {1, 2, 4};
        double[][] rates = new double[threadCounts.length][rounds];
        // Rounds alternate the thread counts so that a slow spell of a shared machine hits both.
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < threadCounts.length; i++) {
                rates[i][r] = run(encoder, password, hash, threadCounts[i], seconds);
                System.out.printf("# round %d threads=%d rate=%.1f/s%n", r + 1, threadCounts[i], rates[i][r]);
            }
        }
        for (int i = 0; i < threadCounts.length; i++) {
            double[] sorted = rates[i].clone();
            Arrays.sort(sorted);
            System.out.printf("argon2 threads=%d rate=%.1f/s (median of %d rounds of %.0f s; min %.1f, max %.1f)%n",
                    threadCounts[i], sorted[sorted.length / 2], rounds, seconds, sorted[0], sorted[sorted.length - 1]);
        }
    }

    /** Verifies on {@code threads} threads for {@code seconds}; returns hashes per second. */
    private static double run(Argon2PasswordEncoder encoder, String password, String hash, int threads,
                              double seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder count = new LongAdder();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    if (!encoder.matches(password, hash)) {
                        throw new IllegalStateException("hash does not match");
                    }
                    count.increment();
                }
            });
            workers.add(t);
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000));
        long counted = count.sum();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread t : workers) {
            t.join();
        }
        return counted / (elapsed / 1e9);
    }
}
