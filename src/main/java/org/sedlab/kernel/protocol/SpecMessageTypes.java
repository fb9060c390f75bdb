package org.sedlab.kernel.protocol;

import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.messages.MessageType;

import java.lang.reflect.Constructor;

/**
 * Message types of the Jupyter messaging spec that jjava does not define. jjava reads a message of a
 * type it does not know as "none" and drops it unanswered; a type created here is known by its name
 * from then on, so such requests reach a handler. Their content is kept as plain JSON.
 */
final class SpecMessageTypes {

    static final MessageType<JsonObject> CONNECT_REQUEST = define("connect_request");
    static final MessageType<JsonObject> CONNECT_REPLY = define("connect_reply");
    static final MessageType<JsonObject> DEBUG_REQUEST = define("debug_request");
    static final MessageType<JsonObject> DEBUG_REPLY = define("debug_reply");

    private SpecMessageTypes() {
    }

    /** MessageType's constructor is private; it registers the name, which is what makes the type known. */
    @SuppressWarnings("unchecked")
    private static MessageType<JsonObject> define(String name) {
        try {
            Constructor<?> constructor = MessageType.class.getDeclaredConstructor(String.class, Class.class);
            constructor.setAccessible(true);
            return (MessageType<JsonObject>) constructor.newInstance(name, JsonObject.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jjava's MessageType changed; cannot define " + name, e);
        }
    }
}
