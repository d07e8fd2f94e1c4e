package io.strongroom.boot;

import io.strongroom.platform.ManagementTls;
import io.strongroom.platform.SealingKey;
import io.strongroom.platform.Regions;
import io.strongroom.platform.DataDirectory;
import io.strongroom.platform.Config;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strongroom.access.AccessService;
import io.strongroom.access.AdminCredential;
import io.strongroom.api.ApiJson;
import io.strongroom.api.ServerStatus;
import io.strongroom.audit.AuditBuckets;
import io.strongroom.audit.AuditMetrics;
import io.strongroom.audit.AuditSpool;
import io.strongroom.audit.OperatorAuditLog;
import io.strongroom.audit.SecurityAudit;
import io.strongroom.access.AdminAuthenticator;
import io.strongroom.face.admin.AdminRoutes;
import io.strongroom.face.console.Console;
import io.strongroom.face.console.ConsoleAuthenticator;
import io.strongroom.face.console.ConsoleSessions;
import io.strongroom.face.dkms.DkmsEndpoint;
import io.strongroom.face.dkms.EndpointTls;
import io.strongroom.hsm.ClusterConnection;
import io.strongroom.hsm.ConnectionRegistry;
import io.strongroom.hsm.HsmClusterService;
import io.strongroom.hsm.TokenRegistry;
import io.strongroom.instance.InstanceEndpoints;
import io.strongroom.instance.InstanceService;
import io.strongroom.key.AuditSigningKeys;
import io.strongroom.key.Encryption;
import io.strongroom.key.KeyService;
import io.strongroom.platform.Regions;
import io.strongroom.access.AccessRepository;
import io.strongroom.access.AdminKeyRepository;
import io.strongroom.audit.AuditRepository;
import io.strongroom.hsm.HsmClusterRepository;
import io.strongroom.instance.InstanceRepository;
import io.strongroom.key.KeyRepository;
import io.strongroom.store.Store;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One running Strongroom server: the store, the HSM layer, the services and the management
 * API listener, wired by hand (no container). {@link #start} brings every instance back to
 * its stored state; {@link #close} logs out of every HSM and stops cleanly.
 */
public final class Strongroom implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Strongroom.class);
    public static final String VERSION = "0.1.0";
    private static final Duration CONSOLE_IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final DataDirectory home;
    private final Config config;
    private final Store store;
    private final TokenRegistry tokens;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strongroom-health").daemon().factory());
    private final HsmClusterService clusters;
    private final InstanceService instances;
    private final InstanceEndpoints endpoints;
    private final SecurityAudit audit;
    private final ScheduledExecutorService auditDelivery = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("strongroom-audit-delivery").daemon().factory());
    private final Server http;
    private final Server endpointHttp;

    private Strongroom(DataDirectory home, Config config) {
        this.home = home;
        this.config = config;
        SealingKey sealingKey = SealingKey.loadOrCreate(home.root().resolve(config.sealingKeyFile()));
        this.store = Store.open(config.store(), home);
        AdminKeyRepository adminKeys = new AdminKeyRepository(store);
        AdminCredential.ensure(adminKeys, home);
        ManagementTls.ensure(home, config.api().host());
        this.tokens = new TokenRegistry(config.hsm().callTimeout());
        Regions regions = new Regions(config.regions());
        InstanceRepository instanceStore = new InstanceRepository(store);
        this.clusters = new HsmClusterService(new HsmClusterRepository(store), regions, tokens, connections, config.hsm());
        this.instances = new InstanceService(instanceStore, clusters, regions, tokens, connections, sealingKey, background);
        this.endpoints = new InstanceEndpoints(config.domain(), config.endpoint().port());
        KeyService keys = new KeyService(new KeyRepository(store), instances, regions);
        this.audit = securityAudit(config, home, store, instances, keys);
        this.http = newHttpServer();
        AccessRepository accessStore = new AccessRepository(store);
        AccessService access = new AccessService(accessStore, instances);
        EndpointTls endpointTls = new EndpointTls(instances, endpoints);
        instances.onCreated(endpointTls::add);
        scheduler.scheduleWithFixedDelay(() -> keys.runScheduledWork(Instant.now()), 1, 60, TimeUnit.SECONDS);
        this.endpointHttp = newEndpointServer(endpointTls, new DkmsEndpoint(instances, endpoints, accessStore,
                new Encryption(keys, instances), audit));
        AdminAuthenticator admin = new AdminAuthenticator(adminKeys);
        ConsoleSessions sessions = new ConsoleSessions(CONSOLE_IDLE_TIMEOUT, InstantSource.system());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AuditMetrics auditMetrics = new AuditMetrics(audit, metrics);
        http.setHandler(Console.inFrontOf(AdminRoutes.api(regions, clusters, instances, access, keys, instanceStore,
                new ConsoleAuthenticator(admin, sessions), endpoints, this::status, audit, () -> {
                    auditMetrics.refresh();
                    return metrics.scrape();
                }), admin, sessions, audit));
    }

    private static SecurityAudit securityAudit(Config config, DataDirectory home, Store store, InstanceService instances,
                                               KeyService keys) {
        if (config.audit().buckets().equals(Config.DEFAULT_BUCKETS)) {
            try {
                Files.createDirectories(home.root().resolve(Config.DEFAULT_BUCKETS.getFirst().directory()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        AuditSpool spool = new AuditSpool(home.auditSpoolDirectory(), config.audit().interval(), InstantSource.system());
        OperatorAuditLog operatorLog = new OperatorAuditLog(home.operatorAuditDirectory(), config.audit().interval(),
                config.audit().operatorLogRetention(), InstantSource.system());
        AuditRepository settings = new AuditRepository(store);
        return new SecurityAudit(config.audit(), AuditBuckets.of(config.audit(), home.root()), settings, instances, spool,
                operatorLog, new AuditSigningKeys(keys, instances, settings), home.auditDigestDirectory());
    }

    /** Opens the data directory (initialising what is missing) and starts serving. */
    public static Strongroom start(DataDirectory home, Map<String, String> environment) {
        Config config = Config.load(home.configFile(), environment);
        Strongroom server = new Strongroom(home, config);
        try {
            server.http.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot listen on " + config.api().host() + ":" + config.api().port()
                    + " (" + e.getMessage() + "); set api.port in " + home.configFile() + " or STRONGROOM_API_PORT", e);
        }
        try {
            server.endpointHttp.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("cannot listen for instance endpoints on " + config.endpoint().host() + ":"
                    + config.endpoint().port() + " (" + e.getMessage() + "); set endpoint.port in " + home.configFile()
                    + " or STRONGROOM_ENDPOINT_PORT", e);
        }
        DataDirectory.writePublic(home.serverStatusFile(), server.statusJson());
        server.instances.restore();
        long interval = config.hsm().healthCheckInterval().toMillis();
        server.scheduler.scheduleWithFixedDelay(server::checkHealth, interval, interval, TimeUnit.MILLISECONDS);
        long delivery = server.audit.delivery().period().toMillis();
        server.auditDelivery.scheduleWithFixedDelay(server::deliverAudit, delivery, delivery, TimeUnit.MILLISECONDS);
        LOG.info("Strongroom {} serving the management API at {}, the console at {} and instance endpoints on port {}", VERSION,
                server.apiUrl(), server.consoleUrl(), server.endpointPort());
        return server;
    }

    private Server newHttpServer() {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("strongroom-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        char[] throwaway = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < throwaway.length; i++) {
            throwaway[i] = (char) ('a' + random.nextInt(26));
        }
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(ManagementTls.keyStore(home, throwaway));
        tls.setKeyStorePassword(new String(throwaway));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration();
        https.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(config.api().host());
        connector.setPort(config.api().port());
        server.addConnector(connector);
        server.setStopTimeout(5_000);
        return server;
    }

    private Server newEndpointServer(EndpointTls tls, DkmsEndpoint handler) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("strongroom-endpoint");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        HttpConfiguration https = new HttpConfiguration();
        https.setSendServerVersion(false);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls.factory(), "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(config.endpoint().host());
        connector.setPort(config.endpoint().port());
        server.addConnector(connector);
        server.setHandler(handler);
        server.setStopTimeout(5_000);
        return server;
    }

    public int endpointPort() {
        return ((ServerConnector) endpointHttp.getConnectors()[0]).getLocalPort();
    }

    private void checkHealth() {
        for (ClusterConnection connection : connections.all()) {
            try {
                connection.checkHealth();
            } catch (RuntimeException e) {
                LOG.warn("health check of HSM cluster {} failed: {}", connection.cluster().hsmClusterId(), e.toString());
            }
        }
    }

    private void deliverAudit() {
        try {
            audit.delivery().deliver(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("audit delivery round failed: {}", e.toString());
        }
        try {
            audit.operatorLog().prune(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("pruning the operator audit log failed: {}", e.toString());
        }
    }

    public SecurityAudit audit() {
        return audit;
    }

    public int apiPort() {
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    public String apiUrl() {
        String host = config.api().host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
        return "https://" + shown + ":" + apiPort();
    }

    /** The web console, served on the management listener. */
    public String consoleUrl() {
        return apiUrl() + "/console/";
    }

    public ServerStatus status() {
        return new ServerStatus(VERSION, apiUrl(), consoleUrl(), endpoints.pattern(), true, store.kind(), home.root().toString());
    }

    private String statusJson() {
        try {
            return ApiJson.mapper().writeValueAsString(status()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InstanceService instances() {
        return instances;
    }

    public HsmClusterService clusters() {
        return clusters;
    }

    public DataDirectory home() {
        return home;
    }

    public Config config() {
        return config;
    }

    /** Runs one round of node health checks now (the scheduler runs them every interval). */
    public void checkHealthNow() {
        checkHealth();
    }

    @Override
    public void close() {
        for (Server server : new Server[]{http, endpointHttp}) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping an HTTP listener: {}", e.toString());
            }
        }
        scheduler.shutdownNow();
        auditDelivery.shutdownNow();
        audit.close();
        background.shutdownNow();
        connections.closeAll();
        tokens.close();
        store.close();
        LOG.info("Strongroom stopped");
    }
}
