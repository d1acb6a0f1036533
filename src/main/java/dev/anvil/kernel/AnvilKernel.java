package dev.anvil.kernel;

import dev.anvil.Version;
import dev.anvil.kernel.CellEngine.CellOutcome;
import dev.anvil.kernel.CellEngine.Completions;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The Anvil kernel: Jupyter's messages (handled by the jjava-jupyter library) on top of a
 * {@link CellEngine}. Cells are JShell code with the console's preloads; a cell's last value is
 * shown richly by {@link RichDisplay}; failures become readable tracebacks ({@link Tracebacks}).
 */
public final class AnvilKernel extends BaseKernel {
    public static final String NAME = "anvil";

    private final CellEngine engine;
    private final int maxTableRows;

    /** The failure of the cell being reported, so {@link #formatError} can give its traceback. */
    private volatile CellFailureReport pending;

    private record CellFailureReport(Throwable thrown, List<String> traceback) {
    }

    /** {@code io} must be the streams the engine's cells print to (see {@link EngineFactory}). */
    public AnvilKernel(CellEngine engine, JupyterIO io, int maxTableRows) {
        super(NAME, Version.get(), languageInfo(),
                List.of(new HelpLink("JShell", "https://docs.oracle.com/en/java/javase/17/jshell/"),
                        new HelpLink("Tablesaw", "https://jtablesaw.github.io/tablesaw/")),
                null, io, new CommManager(), new Renderer(), null, null, false,
                new StringStyler.Builder().build());
        this.engine = engine;
        this.maxTableRows = maxTableRows;
        engine.onShow(this::show);
    }

    /** The streams a kernel publishes: cells' System.out and System.err become stream messages. */
    public static JupyterIO newIO() {
        return new JupyterIO(StandardCharsets.UTF_8);
    }

    static LanguageInfo languageInfo() {
        return new LanguageInfo("java", String.valueOf(Runtime.version().feature()), "text/x-java-source", ".jsh",
                "java", "text/x-java", "script");
    }

    @Override
    public String getBanner() {
        return "Anvil " + getVersion() + " on Java " + Runtime.version()
                + " - JShell with the history preloaded; help() lists what is there";
    }

    @Override
    public void onStartup() {
        // Only register as the notebook kernel: the library's extension loading would scan the class path.
        installNotebookKernel();
    }

    @Override
    public Object evalRaw(String code) {
        CellOutcome outcome = engine.eval(code);
        if (outcome.failed()) {
            CellFailure failure = Tracebacks.failure(outcome, code);
            // Report the cell's own exception where there is one, so Jupyter names it (ename) by its class.
            Throwable own = outcome.exception();
            RuntimeException thrown = own instanceof RuntimeException && !(own instanceof jdk.jshell.JShellException)
                    ? (RuntimeException) own : failure;
            pending = new CellFailureReport(thrown, failure.traceback());
            throw thrown;
        }
        return RichDisplay.of(outcome.value(), outcome.valueText(), maxTableRows);
    }

    @Override
    public List<String> formatError(Throwable e) {
        CellFailureReport report = pending;
        if (report != null && report.thrown() == e) {
            pending = null;
            return report.traceback();
        }
        if (e instanceof CellFailure) {
            return ((CellFailure) e).traceback();
        }
        return super.formatError(e);
    }

    /** {@code show(title, value)} in a cell: the title as text, then the value as a display_data message. */
    private void show(String title, Object value) {
        if (!io.display.isAttached()) {
            return;
        }
        System.out.flush();
        if (title != null && !title.isBlank()) {
            DisplayData heading = new DisplayData(title);
            heading.putMarkdown("**" + markdownText(title) + "**");
            display(heading);
        }
        DisplayData data = RichDisplay.of(value, value == null ? "null" : String.valueOf(value), maxTableRows);
        if (data != null) {
            display(data);
        }
    }

    /** The title as literal text in markdown: its markup characters escaped, no HTML. */
    static String markdownText(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (char c : text.replace('\n', ' ').toCharArray()) {
            if (c == '<') {
                sb.append("&lt;");
            } else if (c == '&') {
                sb.append("&amp;");
            } else {
                if ("\\`*_[]#|~".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JShell documents a method when the cursor is in its argument list; a front end may send the cursor
     * on the name ({@code Math.m|ax(}), so that is tried next: after the name, then after its '('.
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        Optional<String> doc = engine.documentation(code, at);
        if (doc.isEmpty()) {
            int end = Math.max(0, Math.min(at, code.length()));
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
            if (end < code.length() && code.charAt(end) == '(') {
                end++;
            }
            if (end != at) {
                doc = engine.documentation(code, end);
            }
        }
        return doc.map(DisplayData::new).orElse(null);
    }

    /** The library's reply leaves out {@code status}, which the protocol asks for in every reply. */
    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    private static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused") // serialized into the reply
        private final String status = "ok";

        KernelInfo(String protocol, String name, String version, LanguageInfo language, String banner,
                   List<HelpLink> links) {
            super(protocol, name, version, language, banner, links);
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completions c = engine.complete(code, at);
        return new ReplacementOptions(c.candidates(), c.anchor(), at);
    }

    @Override
    public String isComplete(String code) {
        switch (engine.isComplete(code)) {
            case COMPLETE: return IS_COMPLETE_YES;
            case INVALID: return IS_COMPLETE_BAD;
            case INCOMPLETE: return "    ";
            default: return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void interrupt() {
        engine.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        try {
            engine.close();
        } finally {
            super.onShutdown(isRestarting);
        }
    }
}
