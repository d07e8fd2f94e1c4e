package io.strongroom.hsm;

/** Work done on one node's session. */
@FunctionalInterface
public interface HsmCall<T> {
    T apply(HsmSession session) throws HsmException;
}
