package org.stemloop.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * The embedded broker's password check and ACL, as a HiveMQ extension running in this process: a
 * client must log in as one of {@link BrokerAccess}'s users, and gets exactly that user's grants (the
 * broker denies the rest: a refused subscription or a PUBACK "not authorized").
 */
final class BrokerAuthExtension implements ExtensionMain, SimpleAuthenticator {

    private static final Logger LOG = Logger.getLogger(BrokerAuthExtension.class.getName());
    private final BrokerAccess access;

    private BrokerAuthExtension(BrokerAccess access) {
        this.access = access;
    }

    /** The extension to hand to the embedded broker's builder. */
    static EmbeddedExtension of(BrokerAccess access) {
        return EmbeddedExtension.builder().withId("stemloop-auth").withName("stemloop users and ACL")
                .withVersion("1").withAuthor("stemloop").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(new BrokerAuthExtension(access)).build();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> this);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing held
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String name = input.getConnectPacket().getUserName().orElse(null);
        byte[] password = input.getConnectPacket().getPassword().map(BrokerAuthExtension::bytes).orElse(null);
        var user = access.authenticate(name, password);
        if (user.isEmpty()) {
            LOG.warning("MQTT login refused: user " + Printable.of(String.valueOf(name), 64) + ", client "
                    + Printable.of(input.getClientInformation().getClientId(), 64));
            output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "wrong user name or password");
            return;
        }
        var permissions = output.getDefaultPermissions();
        for (BrokerAccess.Grant g : user.get().grants()) {
            TopicPermission.MqttActivity activity = g.publish() && g.subscribe() ? TopicPermission.MqttActivity.ALL
                    : g.publish() ? TopicPermission.MqttActivity.PUBLISH : TopicPermission.MqttActivity.SUBSCRIBE;
            permissions.add(Builders.topicPermission().topicFilter(g.filter())
                    .type(TopicPermission.PermissionType.ALLOW).activity(activity).build());
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
