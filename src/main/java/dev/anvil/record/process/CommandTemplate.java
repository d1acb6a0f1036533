package dev.anvil.record.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * The placeholders among {@code names} that the template writes inside single or double quotes
     * ({@code "{prompt}"}), as written. Their values are shell-quoted already; inside quotes the
     * quoting is undone and a value's text would run as shell syntax.
     */
    public List<String> quotedPlaceholders(Set<String> names) {
        List<String> found = new ArrayList<>();
        char quote = 0; // the open quote character, or 0
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && quote != 0 && (i == 0 || template.charAt(i - 1) != '$')) {
                Matcher m = PLACEHOLDER.matcher(template).region(i, template.length());
                if (m.lookingAt() && names.contains(m.group(1))) {
                    found.add(quote + m.group() + quote);
                }
            } else if (quote == '\'') {
                quote = c == '\'' ? 0 : quote; // no escapes inside single quotes
            } else if (c == '\\') {
                i++; // an escaped character, in double quotes or none
            } else if (c == '"' || c == '\'') {
                quote = quote == c ? 0 : quote == 0 ? c : quote;
            }
        }
        return found;
    }

    /** Whether the template uses the placeholder {@code {name}} (not the shell's {@code ${name}}). */
    public boolean uses(String name) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (m.group(1).equals(name) && (m.start() == 0 || template.charAt(m.start() - 1) != '$')) {
                return true;
            }
        }
        return false;
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
