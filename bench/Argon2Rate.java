import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Raw Argon2id rate with Monban's password parameters (salt 16 bytes, hash 32 bytes, parallelism 1,
 * memory 19456 KiB, 2 iterations), through the same Spring Security encoder over BouncyCastle.
 * It verifies (matches) a stored hash, which is what every sign-in does, with 1 and 2 threads.
 *
 * <pre>java -cp spring-security-crypto.jar:bcprov.jar:spring-jcl.jar bench/Argon2Rate.java [warmupSeconds] [seconds]</pre>
 *
 * Prints one line per thread count: {@code argon2 threads=N hashes=H seconds=S rate=R/s}.
 */
public class Argon2Rate {

    public static void main(String[] args) throws Exception {
        double warmup = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        String password = "violet-harbor-cactus-91-lantern";
        String hash = encoder.encode(password);
        System.out.println("# " + hash.substring(0, hash.lastIndexOf('$', hash.lastIndexOf('$') - 1)) + " on "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        run(encoder, password, hash, 2, warmup, false);
        for (int threads : new int[] {1, 2}) {
            run(encoder, password, hash, threads, seconds, true);
        }
    }

    private static void run(Argon2PasswordEncoder encoder, String password, String hash, int threads,
                            double seconds, boolean report) throws InterruptedException {
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
        if (report) {
            double s = elapsed / 1e9;
            System.out.printf("argon2 threads=%d hashes=%d seconds=%.1f rate=%.1f/s%n", threads, counted, s,
                    counted / s);
        }
    }
}
