package io.strongroom.instance;

import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.ConnectException;
import io.strongroom.hsm.ConnectionErrorCode;
import io.strongroom.hsm.ConnectionRegistry;
import io.strongroom.hsm.HsmCluster;
import io.strongroom.hsm.TokenRegistry;
import io.strongroom.platform.SealingKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reconnecting an {@code Enabled} instance after the server starts, with the credential
 * sealed at its last successful connect. An unreachable cluster is retried with backoff
 * (no login was refused, so retrying cannot lock anyone out); a refused credential, a locked
 * user or a domain key mismatch ends the instance {@code Disabled} at once and is never retried.
 */
final class InstanceReconnect {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceReconnect.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private InstanceReconnect() {
    }

    static void run(Instance instance, Function<Instance, HsmCluster> cluster, TokenRegistry tokens, ConnectionRegistry connections,
                    SealingKey sealingKey, String context, Supplier<Boolean> stillWanted, Consumer<ConnectException> onFailure) {
        char[] pin = null;
        try {
            byte[] opened = sealingKey.unseal(instance.sealedCredential().orElseThrow(), context);
            String user = decodeUser(opened);
            pin = decodePin(opened);
            Arrays.fill(opened, (byte) 0);
            Duration backoff = Duration.ofSeconds(1);
            while (stillWanted.get()) {
                try {
                    ClusterConnection connection = ClusterConnection.open(cluster.apply(instance), user, pin, tokens);
                    if (!stillWanted.get()) {
                        connection.close();
                        return;
                    }
                    connections.put(connection);
                    LOG.info("instance {} reconnected to HSM cluster {}", instance.instanceId(), instance.hsmClusterId());
                    return;
                } catch (ConnectException e) {
                    if (e.code() != ConnectionErrorCode.HSM_UNREACHABLE && e.code() != ConnectionErrorCode.INSUFFICIENT_HSMS) {
                        LOG.warn("instance {} cannot reconnect and is now Disabled: {} {}", instance.instanceId(), e.code(), e.getMessage());
                        onFailure.accept(e);
                        return;
                    }
                    LOG.warn("instance {} cannot reach its HSM cluster yet ({}); retrying in {} s",
                            instance.instanceId(), e.getMessage(), backoff.toSeconds());
                    Thread.sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("instance {} cannot reconnect and is now Disabled", instance.instanceId(), e);
            onFailure.accept(new ConnectException(ConnectionErrorCode.INTERNAL_ERROR,
                    "the stored credential could not be opened (" + e.getMessage() + "); connect the instance again"));
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    /** user (UTF-8) + NUL + password (UTF-8). */
    static byte[] encode(String user, char[] pin) {
        ByteBuffer password = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[name.length + 1 + password.remaining()];
        System.arraycopy(name, 0, out, 0, name.length);
        password.get(out, name.length + 1, password.remaining());
        Arrays.fill(password.array(), (byte) 0);
        return out;
    }

    private static int separator(byte[] encoded) {
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("malformed sealed credential");
    }

    private static String decodeUser(byte[] encoded) {
        return new String(encoded, 0, separator(encoded), StandardCharsets.UTF_8);
    }

    private static char[] decodePin(byte[] encoded) {
        int start = separator(encoded) + 1;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(encoded, start, encoded.length - start));
        char[] pin = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(chars.array(), '\0');
        return pin;
    }
}
