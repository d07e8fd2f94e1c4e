package io.strongroom.hsm.cryptoki;

import io.strongroom.hsm.HsmException;
import io.strongroom.hsm.HsmFailure;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A PKCS#11 module (shared library) as this process uses it: loaded and initialised once per
 * library file however many tokens use it (dlopen of one file yields one library, so two loads
 * would collide on C_Initialize; paths are compared after resolving symbolic links), reference
 * counted, and reloadable. The call timeout is the one given by the first token to open it.
 *
 * <p>Every native call runs on the module's own platform threads and is awaited for at most
 * the call timeout: a hung module makes the call fail with {@link HsmFailure#TIMEOUT}, never
 * hangs the caller. {@link #reload} finalises the module, unloads the library (closing its
 * arena dlcloses it) and loads it afresh; sessions opened before carry an older
 * {@link #generation()} and are refused, because PKCS#11 handles from before a C_Finalize
 * may name unrelated new sessions.
 */
final class CryptokiModule {
    private static final Map<Path, CryptokiModule> MODULES = new HashMap<>();

    private final Path path;
    private final Duration timeout;
    private final ThreadPoolExecutor threads;
    private final ReentrantReadWriteLock loadLock = new ReentrantReadWriteLock();
    private Cryptoki library;
    private volatile Logins logins = new Logins();
    private volatile long generation;
    private int references;
    private volatile boolean released;

    private CryptokiModule(Path path, Duration timeout) {
        this.path = path;
        this.timeout = timeout;
        this.threads = new ThreadPoolExecutor(0, 32, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("pkcs11-" + path.getFileName() + "-", 0).daemon().factory());
    }

    static CryptokiModule acquire(Path path, Duration timeout) {
        synchronized (MODULES) {
            CryptokiModule module = MODULES.computeIfAbsent(canonical(path), where -> new CryptokiModule(where, timeout));
            module.references++;
            return module;
        }
    }

    private static Path canonical(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize(); // missing: the first call reports it as UNREACHABLE
        }
    }

    /**
     * Drops one reference; the last unloads the module. Unloading happens under the registry's
     * lock, so a token opened meanwhile cannot initialise the library just before it is finalised.
     */
    void release() {
        synchronized (MODULES) {
            if (--references > 0) {
                return;
            }
            MODULES.remove(path);
            released = true;
            try {
                unload();
            } catch (HsmException ignored) {
                // the module is hung; its threads are daemons and the library stays mapped
            }
        }
        threads.shutdown();
    }

    Path path() {
        return path;
    }

    long generation() {
        return generation;
    }

    /** The login state of the current load; call only inside a {@link #call}. */
    Logins logins() {
        return logins;
    }

    /** Work done with the library inside a confined arena that lives for the call. */
    @FunctionalInterface
    interface Call<T> {
        T run(Cryptoki library, Arena arena) throws HsmException;
    }

    /** Runs a call on the module's threads, loading the module first if needed; waits at most the timeout. */
    <T> T call(String what, Call<T> call) throws HsmException {
        if (released) {
            throw new HsmException(HsmFailure.UNREACHABLE, what + ": the token was closed");
        }
        Future<T> future;
        try {
            future = threads.submit(() -> {
                loadLock.readLock().lock();
                try {
                    Cryptoki loaded = loaded();
                    try (Arena arena = Arena.ofConfined()) {
                        return call.run(loaded, arena);
                    }
                } finally {
                    loadLock.readLock().unlock();
                }
            });
        } catch (RejectedExecutionException e) {
            throw new HsmException(HsmFailure.TIMEOUT, "the PKCS#11 module " + path + " has too many calls hanging");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HsmException(HsmFailure.TIMEOUT, what + " did not return within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException(HsmFailure.INTERNAL, what + " was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HsmException hsm) {
                throw hsm;
            }
            throw new HsmException(HsmFailure.INTERNAL, what + " failed: " + e.getCause());
        }
    }

    /** The loaded library; loads and initialises it under the read lock's upgrade path. */
    private Cryptoki loaded() throws HsmException {
        Cryptoki current = library;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (library == null) {
                library = loadAndInitialize();
            }
            return library;
        }
    }

    private Cryptoki loadAndInitialize() throws HsmException {
        Cryptoki loaded;
        try {
            loaded = Cryptoki.load(path);
        } catch (IllegalArgumentException e) {
            throw new HsmException(HsmFailure.UNREACHABLE, e.getMessage());
        }
        try (Arena arena = Arena.ofConfined()) {
            // CKR_CRYPTOKI_ALREADY_INITIALIZED means something else in this process (the JDK's
            // SunPKCS11, say) holds the same library initialised; we share it, and our reload
            // will finalise it under them. Strongroom itself never loads a library twice.
            // CK_C_INITIALIZE_ARGS: four NULL mutex callbacks, flags = CKF_OS_LOCKING_OK, pReserved = NULL.
            MemorySegment args = arena.allocate(48, 8);
            args.set(JAVA_LONG, 32, Ck.CKF_OS_LOCKING_OK);
            long rv = loaded.initialize(args);
            if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                loaded.close();
                throw new HsmException(HsmFailure.UNREACHABLE, "C_Initialize of " + path + " failed with " + Ck.name(rv), Ck.name(rv));
            }
        }
        logins = new Logins();
        generation++;
        return loaded;
    }

    /** Finalises and unloads the module, then loads and initialises it again. */
    void reload() throws HsmException {
        unload();
        call("loading " + path, (library, arena) -> null);
    }

    private void unload() throws HsmException {
        boolean locked;
        try {
            locked = loadLock.writeLock().tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException(HsmFailure.INTERNAL, "interrupted while reloading " + path);
        }
        if (!locked) {
            throw new HsmException(HsmFailure.TIMEOUT, "a call into " + path + " is still hanging; the module cannot be reloaded");
        }
        try {
            synchronized (this) {
                if (library != null) {
                    finalizeWithin(library);
                    library.close();
                    library = null;
                    generation++;
                }
            }
        } finally {
            loadLock.writeLock().unlock();
        }
    }

    /**
     * C_Finalize on the module's threads, awaited for at most the timeout. If it hangs, the
     * library stays loaded (unloading code a thread is running would crash the JVM) and later
     * calls time out in turn.
     */
    private void finalizeWithin(Cryptoki loaded) throws HsmException {
        Future<Long> finalized = threads.submit(loaded::finalizeModule);
        try {
            finalized.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HsmException(HsmFailure.TIMEOUT, "C_Finalize of " + path + " did not return within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HsmException(HsmFailure.INTERNAL, "interrupted while finalising " + path);
        } catch (ExecutionException e) {
            // C_Finalize failed: the module is being thrown away anyway
        }
    }
}
