package io.monban.idp.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Races: every task waits at one gate, then all run at the same moment on threads of their own. */
public final class Parallel {

    private Parallel() {
    }

    /** Runs the tasks at once; their results in the tasks' order. */
    public static <T> List<T> run(List<? extends Callable<T>> tasks) {
        return await(start(tasks));
    }

    /** Starts the tasks at once and returns without waiting for them. */
    public static <T> Running<T> start(List<? extends Callable<T>> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                gate.await();
                return task.call();
            }));
        }
        try {
            ready.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        gate.countDown();
        return new Running<>(threads, futures);
    }

    public static <T> List<T> await(Running<T> running) {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : running.futures()) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            throw new IllegalStateException("a parallel task failed", e);
        } finally {
            running.threads().shutdownNow();
        }
    }

    /** Tasks under way. */
    public record Running<T>(ExecutorService threads, List<Future<T>> futures) {
    }
}
