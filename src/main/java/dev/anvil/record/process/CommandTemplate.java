package dev.anvil.record.process;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent command line with placeholders such as {@code {prompt}} and {@code {storyId}}, each
 * replaced by its value shell-quoted, in one pass (a value that contains {@code {storyId}} is not
 * expanded again). Unknown names, and shell syntax such as {@code ${HOME}}, are left as they are.
 */
public final class CommandTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String template;

    public CommandTemplate(String template) {
        this.template = template;
    }

    public String template() {
        return template;
    }

    public String expand(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            boolean shellVariable = m.start() > 0 && template.charAt(m.start() - 1) == '$';
            String value = shellVariable ? null : values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : ShellQuote.quote(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
