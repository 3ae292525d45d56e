package io.lifeboat.etcd;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Wires the etcd side from {@code lifeboat.etcd.*}; bad settings fail start-up naming the key. */
@Factory
public class EtcdFactory {

    /** Taking the check makes every setting checked before this factory builds anything from one. */
    public EtcdFactory(io.lifeboat.configuration.SettingsCheck checked) {
    }

    @Singleton
    @Bean(preDestroy = "close")
    EtcdChannels etcdChannels(EtcdConfig config) {
        return new EtcdChannels(config);
    }

    @Singleton
    EtcdMembers etcdMembers(EtcdConfig config, EtcdChannels channels) {
        return new EtcdMembers(config, channels);
    }
}
