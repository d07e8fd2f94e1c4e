package io.strongroom.hsm;

import java.security.PublicKey;

/**
 * A key pair made for one key ceremony: the private half stays in the token as a session
 * object that may only unwrap; the public half is handed to another token so that it can
 * wrap the domain key for this one.
 */
public record TransportKey(KeyHandle privateKey, PublicKey publicKey) {
}
