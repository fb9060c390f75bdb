package org.sedlab.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.zeromq.ZMQ;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A jjava kernel that answers every request of the Jupyter messaging spec as IPython does: each reply
 * carries its {@code status}, history, connect and debug requests get an answer, and a cell that fails
 * under {@code stop_on_error} aborts the execute requests queued behind it (Run All stops there).
 */
public abstract class ProtocolKernel extends BaseKernel {

    private static final Gson GSON = new Gson();

    private JupyterConnection connection;
    /** Set by a cell that failed; read by the execute handler that ran it (both on the shell thread). */
    private boolean cellFailed;

    protected ProtocolKernel(String name, String version, LanguageInfo languageInfo, JupyterIO io,
                             CommManager commManager, Renderer renderer, MagicParser magicParser,
                             MagicsRegistry magicsRegistry, StringStyler errorStyler) {
        super(name, version, languageInfo, List.of(), null, io, commManager, renderer, magicParser,
                magicsRegistry, false, errorStyler);
    }

    /** Answers Jupyter on this connection until a shutdown request ends it. */
    public void serve(KernelConnectionProperties properties) throws GeneralSecurityException {
        JupyterConnection jupyter = new JupyterConnection(properties);
        becomeHandlerForConnection(jupyter);
        jupyter.setHandler(SpecMessageTypes.CONNECT_REQUEST, (env, request) -> {
            env.setBusyDeferIdle();
            JsonObject ports = new JsonObject();
            ports.addProperty("shell_port", properties.getShellPort());
            ports.addProperty("iopub_port", properties.getIopubPort());
            ports.addProperty("stdin_port", properties.getStdinPort());
            ports.addProperty("control_port", properties.getControlPort());
            ports.addProperty("hb_port", properties.getHbPort());
            replyOk(env, SpecMessageTypes.CONNECT_REPLY, ports);
        });
        jupyter.connect();
        jupyter.waitUntilClose();
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection jupyter) {
        super.becomeHandlerForConnection(jupyter);
        this.connection = jupyter;
        jupyter.setHandler(MessageType.COMM_INFO_REQUEST, this::handleCommInfoRequest);
        jupyter.setHandler(SpecMessageTypes.DEBUG_REQUEST, this::handleDebugRequest);
    }

    @Override
    public DisplayData eval(String code) {
        try {
            return super.eval(code);
        } catch (Exception e) {
            cellFailed = true;
            throw e;
        } finally {
            // The cell's output goes out before its reply, as IPython's does; a client may stop reading then.
            System.out.flush();
            System.err.flush();
        }
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        cellFailed = false;
        super.handleExecuteRequest(env, message);
        if (cellFailed && message.getContent().shouldStopOnError()) {
            // What waits now was sent before the client saw this failure; what it sends after runs again.
            ShellChannel shell = (ShellChannel) env.getShell();
            List<Message<?>> waiting = takeWaiting(shell);
            env.resolveDeferrals(); // the failed cell's reply and idle status go out before the aborts
            abortExecutions(shell, waiting);
        }
    }

    private static List<Message<?>> takeWaiting(ShellChannel shell) {
        List<Message<?>> waiting = new ArrayList<>();
        while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            waiting.add(shell.readMessage());
        }
        return waiting;
    }

    /** Answers execute requests "aborted" without running them; handles anything else as usual. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void abortExecutions(ShellChannel shell, List<Message<?>> waiting) {
        for (Message<?> queued : waiting) {
            ShellReplyEnvironment env = connection.prepareReplyEnv(shell, queued);
            MessageType<?> type = queued.getHeader().getType();
            ShellHandler handler = type == MessageType.EXECUTE_REQUEST
                    ? (ShellHandler<Object>) (e, m) -> replyAborted(e)
                    : connection.getHandler(type);
            if (handler == null) {
                continue;
            }
            try {
                handler.handle(env, queued);
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                connection.close();
                return;
            }
        }
    }

    private static void replyAborted(ShellReplyEnvironment env) {
        env.setBusyDeferIdle();
        reply(env, MessageType.EXECUTE_REPLY, "aborted", new JsonObject());
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        replyOk(env, MessageType.KERNEL_INFO_REPLY, new KernelInfoReply(Header.PROTOCOL_VERISON, name, version,
                getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    /** Cells are not recorded: every history request gets an empty history. */
    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        env.setBusyDeferIdle();
        JsonObject content = new JsonObject();
        content.add("history", new JsonArray());
        replyOk(env, MessageType.HISTORY_REPLY, content);
    }

    private void handleCommInfoRequest(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
        env.setBusyDeferIdle();
        String target = message.getContent().getTargetName();
        JsonObject comms = new JsonObject();
        commManager.forEach(comm -> {
            if (target == null || target.equals(comm.getTargetName())) {
                JsonObject info = new JsonObject();
                info.addProperty("target_name", comm.getTargetName());
                comms.add(comm.getID(), info);
            }
        });
        JsonObject content = new JsonObject();
        content.add("comms", comms);
        replyOk(env, MessageType.COMM_INFO_REPLY, content);
    }

    /** This kernel has no debugger (kernel_info says so); a debug request gets a failed DAP response. */
    private void handleDebugRequest(ShellReplyEnvironment env, Message<JsonObject> message) {
        env.setBusyDeferIdle();
        JsonObject request = message.getContent();
        JsonObject response = new JsonObject();
        response.addProperty("type", "response");
        response.add("request_seq", request.get("seq"));
        response.addProperty("success", false);
        response.add("command", request.get("command"));
        response.addProperty("message", "this kernel has no debugger");
        reply(env, SpecMessageTypes.DEBUG_REPLY, null, response);
    }

    @Override
    protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
        env.setBusyDeferIdle();
        replyOk(env, MessageType.INTERRUPT_REPLY, new JsonObject());
        interrupt();
    }

    @Override
    protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
        env.setBusyDeferIdle();
        boolean restart = message.getContent().isRestart();
        JsonObject content = new JsonObject();
        content.addProperty("restart", restart);
        replyOk(env, MessageType.SHUTDOWN_REPLY, content);
        onShutdown(restart);
        env.resolveDeferrals();
        env.markForShutdown();
    }

    private static void replyOk(ShellReplyEnvironment env, MessageType<?> type, Object content) {
        reply(env, type, "ok", content);
    }

    /** Sends content as the reply to env's request, with {@code status} added unless it is null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, String status, Object content) {
        JsonObject json = GSON.toJsonTree(content).getAsJsonObject();
        if (status != null) {
            json.addProperty("status", status);
        }
        env.reply(new Message(env.getContext(), type, json));
    }
}
