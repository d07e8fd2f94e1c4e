package io.strongroom.hsm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link HsmToken} and {@link HsmSession} must do, run against SoftHSM2 through our
 * PKCS#11 binding and against the insecure in-process fallback. Each test makes its own tokens.
 */
abstract class HsmTokenContract {
    static final char[] PIN = "contract-pin-1".toCharArray();
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * A new token with the user PIN {@link #PIN}. On SoftHSM2 this reloads the module and so ends
     * every session on it: tests make all their tokens before they log in.
     */
    abstract TokenLocation newToken();

    /** A location on the same module whose label no token has. */
    abstract TokenLocation missingToken();

    /** Takes the token's storage away (as if its HSM went away); returns where it went. */
    abstract Path takeAway(TokenLocation token) throws IOException;

    /** Brings the storage taken by {@link #takeAway} back. */
    abstract void bringBack(TokenLocation token, Path away) throws IOException;

    HsmToken open(TokenLocation location) {
        return track(HsmTokens.open(location, TIMEOUT));
    }

    HsmSession login(HsmToken token) throws HsmException {
        return track(token.login(PIN.clone()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    static HsmFailure failureOf(ThrowingCall call) {
        try {
            call.run();
        } catch (HsmException e) {
            return e.failure();
        }
        throw new AssertionError("expected an HsmException");
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws HsmException;
    }

    @Test
    void login_correctPin_sessionWorks() throws HsmException {
        HsmSession session = login(open(newToken()));
        assertThat(session.generateRandom(16)).hasSize(16);
    }

    @Test
    void login_wrongPin_invalidCredentials_andTheCorrectPinStillWorks() throws HsmException {
        HsmToken token = open(newToken());
        assertThat(failureOf(() -> token.login("wrong-pin".toCharArray()))).isEqualTo(HsmFailure.INVALID_CREDENTIALS);
        assertThat(login(token).generateRandom(8)).hasSize(8);
    }

    /** PKCS#11 logs in a token, not a session: a second login must still have its PIN checked. */
    @Test
    void login_wrongPinWhileAnotherSessionIsLoggedIn_invalidCredentials() throws HsmException {
        HsmToken token = open(newToken());
        login(token);
        assertThat(failureOf(() -> token.login("wrong-pin".toCharArray()))).isEqualTo(HsmFailure.INVALID_CREDENTIALS);
        assertThat(login(token).generateRandom(8)).hasSize(8);
    }

    /** PKCS#11's C_Logout logs out every session of the token: closing one session must not. */
    @Test
    void close_oneOfTwoSessions_theOtherStaysLoggedIn() throws HsmException {
        HsmToken token = open(newToken());
        HsmSession first = login(token);
        first.generateDomainKey("domain", false);
        login(token).close();
        assertThat(first.findSecretKey("domain")).isPresent();
    }

    @Test
    void probe_presentToken_reportsItsLabel() throws HsmException {
        TokenLocation location = newToken();
        TokenInfo info = open(location).probe();
        assertThat(info.label()).isEqualTo(location.tokenLabel());
        assertThat(info.userPinInitialized()).isTrue();
        assertThat(info.userPinLocked()).isFalse();
    }

    @Test
    void probeAndLogin_missingLabel_unreachable() {
        HsmToken token = open(missingToken());
        assertThat(failureOf(token::probe)).isEqualTo(HsmFailure.UNREACHABLE);
        assertThat(failureOf(() -> token.login(PIN.clone()))).isEqualTo(HsmFailure.UNREACHABLE);
    }

    @Test
    void generateDomainKey_thenFindByLabel_findsIt() throws HsmException {
        HsmSession session = login(open(newToken()));
        KeyHandle key = session.generateDomainKey("domain", false);
        assertThat(session.findSecretKey("domain")).hasValueSatisfying(found -> assertThat(found.label()).isEqualTo("domain"));
        assertThat(session.checkValue(session.findSecretKey("domain").orElseThrow())).isEqualTo(session.checkValue(key));
        assertThat(session.findSecretKey("no-such-key")).isEmpty();
    }

    @Test
    void wrapForTransport_nonExtractableDomainKey_refused() throws HsmException {
        TokenLocation a = newToken();
        TokenLocation b = newToken();
        HsmSession session = login(open(a));
        KeyHandle key = session.generateDomainKey("domain", false);
        TransportKey transport = login(open(b)).createTransportKey();
        assertThatThrownBy(() -> session.wrapForTransport(key, transport.publicKey()))
                .isInstanceOfSatisfying(HsmException.class, e -> assertThat(e.detail()).isEqualTo("CKR_KEY_UNEXTRACTABLE"));
    }

    @Test
    void ceremony_keyCopiedToSecondToken_sameCheckValueAndNoCopyExtractable() throws HsmException {
        TokenLocation first = newToken();
        TokenLocation second = newToken();
        HsmSession a = login(open(first));
        HsmSession b = login(open(second));
        KeyHandle original = a.generateDomainKey("domain", true);
        TransportKey transport = b.createTransportKey();
        KeyHandle copy = b.unwrapDomainKey("domain", a.wrapForTransport(original, transport.publicKey()), transport);
        b.destroy(transport.privateKey());
        a.sealAgainstExtraction(original);

        assertThat(b.checkValue(copy)).isEqualTo(a.checkValue(original)).matches("[0-9a-f]{16}");
        TransportKey another = b.createTransportKey();
        assertThatThrownBy(() -> a.wrapForTransport(original, another.publicKey())).isInstanceOf(HsmException.class);
        TransportKey backToA = a.createTransportKey();
        assertThatThrownBy(() -> b.wrapForTransport(copy, backToA.publicKey())).isInstanceOf(HsmException.class);
    }

    @Test
    void generateWrappedKey_eachSize_unwrapsToAKeyThatRoundTripsGcm() throws Exception {
        HsmSession session = login(open(newToken()));
        KeyHandle domainKey = session.generateDomainKey("domain", false);
        byte[] iv = session.generateRandom(12);
        byte[] aad = "context".getBytes(StandardCharsets.UTF_8);
        byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
        for (int bits : new int[]{128, 192, 256}) {
            byte[] wrapped = session.generateWrappedKey(domainKey, bits);
            assertThat(wrapped).hasSize(bits / 8 + 8);
            KeyHandle key = session.unwrapSessionKey(domainKey, wrapped);
            byte[] sealed = session.encryptGcm(key, iv, aad, plaintext);
            assertThat(sealed).hasSize(plaintext.length + 16);
            assertThat(session.decryptGcm(key, iv, aad, sealed)).isEqualTo(plaintext);
            SoftwareKey inMemory = session.unwrapIntoProcessMemory(domainKey, wrapped);
            assertThat(inMemory.decryptGcm(iv, aad, sealed)).isEqualTo(plaintext);
            assertThat(inMemory.toString()).contains("redacted");
            inMemory.destroy();
            assertThat(failureOf(() -> inMemory.decryptGcm(iv, aad, sealed))).isEqualTo(HsmFailure.UNREACHABLE);
        }
    }

    @Test
    void decryptGcm_wrongAadOrFlippedByte_decryptionFailed() throws Exception {
        HsmSession session = login(open(newToken()));
        KeyHandle domainKey = session.generateDomainKey("domain", false);
        byte[] wrapped = session.generateWrappedKey(domainKey, 256);
        KeyHandle key = session.unwrapSessionKey(domainKey, wrapped);
        byte[] iv = session.generateRandom(12);
        byte[] sealed = session.encryptGcm(key, iv, new byte[]{1}, new byte[40]);
        byte[] flipped = sealed.clone();
        flipped[3] ^= 1;
        assertThat(failureOf(() -> session.decryptGcm(key, iv, new byte[]{2}, sealed))).isEqualTo(HsmFailure.DECRYPTION_FAILED);
        assertThat(failureOf(() -> session.decryptGcm(key, iv, new byte[]{1}, flipped))).isEqualTo(HsmFailure.DECRYPTION_FAILED);
        SoftwareKey inMemory = session.unwrapIntoProcessMemory(domainKey, wrapped);
        assertThat(failureOf(() -> inMemory.decryptGcm(iv, new byte[]{1}, flipped))).isEqualTo(HsmFailure.DECRYPTION_FAILED);
        inMemory.destroy();
    }

    @Test
    void unwrapSessionKey_underAnotherDomainKey_refused_andTheKeyIsNotExtractable() throws Exception {
        HsmSession session = login(open(newToken()));
        KeyHandle domainKey = session.generateDomainKey("domain", false);
        KeyHandle other = session.generateDomainKey("other", false);
        byte[] wrapped = session.generateWrappedKey(domainKey, 256);
        assertThatThrownBy(() -> session.unwrapSessionKey(other, wrapped)).isInstanceOf(HsmException.class);
        KeyHandle key = session.unwrapSessionKey(domainKey, wrapped);
        TransportKey transport = session.createTransportKey();
        assertThatThrownBy(() -> session.wrapForTransport(key, transport.publicKey())).isInstanceOf(HsmException.class);
    }

    @Test
    void closedSession_sessionKeysGone() throws Exception {
        HsmToken token = open(newToken());
        HsmSession session = login(token);
        KeyHandle domainKey = session.generateDomainKey("domain", false);
        KeyHandle key = session.unwrapSessionKey(domainKey, session.generateWrappedKey(domainKey, 128));
        session.close();
        assertThat(failureOf(() -> session.encryptGcm(key, new byte[12], new byte[0], new byte[1]))).isEqualTo(HsmFailure.UNREACHABLE);
    }

    /** A session on a new token holding a domain key whose material the test knows, so known-answer keys can be wrapped under it. */
    private record KnownDomainKey(HsmSession session, KeyHandle handle, byte[] material) {
    }

    private KnownDomainKey knownDomainKey() throws Exception {
        HsmSession session = login(open(newToken()));
        byte[] material = AesKeyContract.randomKey();
        return new KnownDomainKey(session, AesKeyContract.importDomainKey(session, "domain", material), material);
    }

    @Test
    void wycheproofAesGcm_knownKeyImportedUnderADomainKey_everyVectorAsExpected() throws Exception {
        KnownDomainKey domain = knownDomainKey();
        assertThat(AesKeyContract.wycheproofFailures(domain.session(), domain.handle(), domain.material())).isEmpty();
    }

    @Test
    void nistAesEcbAndCbc_knownKeys_tokenAndMemoryGiveThePublishedBytes() throws Exception {
        KnownDomainKey domain = knownDomainKey();
        assertThat(AesBlockVectors.nistFailures(domain.session(), domain.handle(), domain.material())).isEmpty();
    }

    @Test
    void wycheproofAesCbcPkcs5_knownKeys_tokenAndMemoryEveryVectorAsExpected() throws Exception {
        KnownDomainKey domain = knownDomainKey();
        assertThat(AesBlockVectors.wycheproofCbcFailures(domain.session(), domain.handle(), domain.material())).isEmpty();
    }

    @Test
    void encryptBlocks_ivOfTheWrongLengthOrPartialBlocks_refusedAsAProgrammingError() throws Exception {
        HsmSession session = login(open(newToken()));
        KeyHandle domainKey = session.generateDomainKey("domain", false);
        KeyHandle key = session.unwrapSessionKey(domainKey, session.generateWrappedKey(domainKey, 256));
        assertThatThrownBy(() -> session.encryptBlocks(key, AesBlockMode.CBC, new byte[12], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.encryptBlocks(key, AesBlockMode.ECB, new byte[16], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session.decryptBlocks(key, AesBlockMode.ECB, new byte[0], new byte[15]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkValue_sameKeyTwice_equal_differentKeys_differ() throws HsmException {
        HsmSession session = login(open(newToken()));
        KeyHandle first = session.generateDomainKey("first", false);
        KeyHandle second = session.generateDomainKey("second", false);
        assertThat(session.checkValue(first)).isEqualTo(session.checkValue(first));
        assertThat(session.checkValue(first)).isNotEqualTo(session.checkValue(second));
    }

    @Test
    void generateRandom_lengths_thatManyFreshBytes() throws HsmException {
        HsmSession session = login(open(newToken()));
        assertThat(session.generateRandom(1)).hasSize(1);
        assertThat(session.generateRandom(1000)).hasSize(1000);
        assertThat(session.generateRandom(32)).isNotEqualTo(session.generateRandom(32));
        assertThatThrownBy(() -> session.generateRandom(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void destroy_domainKey_noLongerFound() throws HsmException {
        HsmSession session = login(open(newToken()));
        session.destroy(session.generateDomainKey("domain", false));
        assertThat(session.findSecretKey("domain")).isEmpty();
    }

    @Test
    void initializeToken_labelTaken_refused() throws HsmException {
        TokenLocation location = newToken();
        assertThat(failureOf(() -> HsmTokens.initializeToken(location, "so-pin".toCharArray(), PIN.clone())))
                .isEqualTo(HsmFailure.INTERNAL);
        assertThat(login(open(location)).generateRandom(8)).hasSize(8);
    }

    @Test
    void closedSession_anyCall_unreachable() throws HsmException {
        HsmSession session = login(open(newToken()));
        session.close();
        assertThat(failureOf(() -> session.generateRandom(8))).isEqualTo(HsmFailure.UNREACHABLE);
        assertThat(failureOf(() -> session.findSecretKey("domain"))).isEqualTo(HsmFailure.UNREACHABLE);
    }

    @Test
    void reload_endsEarlierSessions_aNewLoginFindsTheKey() throws HsmException {
        HsmToken token = open(newToken());
        HsmSession before = login(token);
        String checkValue = before.checkValue(before.generateDomainKey("domain", false));
        token.reload();
        assertThat(failureOf(() -> before.findSecretKey("domain"))).isEqualTo(HsmFailure.UNREACHABLE);
        HsmSession after = login(token);
        assertThat(after.checkValue(after.findSecretKey("domain").orElseThrow())).isEqualTo(checkValue);
    }

    /** Another token of the same module going away must not make this one unreachable. */
    @Test
    void probeAndLogin_anotherTokenOfTheModuleGone_thisOneStillAnswers() throws Exception {
        TokenLocation gone = newToken();
        TokenLocation staying = newToken();
        HsmToken goneToken = open(gone);
        login(goneToken);
        Path away = takeAway(gone);
        try {
            assertThat(failureOf(goneToken::probe)).isEqualTo(HsmFailure.UNREACHABLE);
            HsmToken token = open(staying);
            assertThat(token.probe().label()).isEqualTo(staying.tokenLabel());
            assertThat(login(token).generateRandom(8)).hasSize(8);
        } finally {
            bringBack(gone, away);
        }
    }

    /**
     * The token goes away under a logged-in session and comes back, in the same JVM. For
     * SoftHSM2 2.6 (tried): with the token folder gone the session is not ended; finds come back
     * empty, key operations fail with CKR_*_HANDLE_INVALID, C_GetTokenInfo with
     * CKR_GENERAL_ERROR, all in a millisecond or two. Putting the folder back is NOT noticed
     * (C_GetTokenInfo keeps failing); C_Finalize, dlclose and a fresh load and C_Initialize
     * (HsmToken.reload) find it again, with its keys.
     */
    @Test
    void tokenAway_callsFailUnreachable_backAndReloaded_keyFoundWithSameCheckValue() throws Exception {
        TokenLocation location = newToken();
        HsmToken token = open(location);
        HsmSession session = login(token);
        KeyHandle key = session.generateDomainKey("domain", false);
        String checkValue = session.checkValue(key);

        Path away = takeAway(location);
        long started = System.nanoTime();
        assertThat(failureOf(() -> session.findSecretKey("domain"))).isEqualTo(HsmFailure.UNREACHABLE);
        assertThat(failureOf(() -> session.checkValue(key))).isEqualTo(HsmFailure.UNREACHABLE);
        assertThat(failureOf(token::probe)).isEqualTo(HsmFailure.UNREACHABLE);
        assertThat(failureOf(() -> token.login(PIN.clone()))).isEqualTo(HsmFailure.UNREACHABLE);
        System.out.printf("%s: four calls on the removed token failed in %d ms (timeout %d ms)%n",
                getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000, TIMEOUT.toMillis());

        bringBack(location, away);
        token.reload();
        HsmSession again = login(token);
        assertThat(again.checkValue(again.findSecretKey("domain").orElseThrow())).isEqualTo(checkValue);
    }
}
