package dev.anvil.story;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Selects stories: any of {@code tags} (none given: all), none of {@code excludeTags}, the
 * {@code language}, and an id matching {@code nameGlob} ({@code *} any run of characters,
 * {@code ?} one character). Tags and languages compare case-insensitively, ids exactly.
 */
public record StoryFilter(List<String> tags, List<String> excludeTags, String language, String nameGlob) {

    public static final StoryFilter ALL = new StoryFilter(List.of(), List.of(), null, null);

    public StoryFilter {
        tags = tags == null ? List.of() : tags.stream().map(StoryFilter::norm).toList();
        excludeTags = excludeTags == null ? List.of() : excludeTags.stream().map(StoryFilter::norm).toList();
        language = language == null || language.isBlank() ? null : norm(language);
        nameGlob = nameGlob == null || nameGlob.isBlank() ? null : nameGlob.strip();
    }

    public List<Story> apply(List<Story> stories) {
        Pattern name = nameGlob == null ? null : globToRegex(nameGlob);
        return stories.stream().filter(s -> matches(s, name)).toList();
    }

    public boolean matches(Story story) {
        return matches(story, nameGlob == null ? null : globToRegex(nameGlob));
    }

    public boolean selectsAll() {
        return tags.isEmpty() && excludeTags.isEmpty() && language == null && nameGlob == null;
    }

    private boolean matches(Story s, Pattern name) {
        List<String> storyTags = s.tags().stream().map(StoryFilter::norm).toList();
        if (!tags.isEmpty() && storyTags.stream().noneMatch(tags::contains)) {
            return false;
        }
        if (storyTags.stream().anyMatch(excludeTags::contains)) {
            return false;
        }
        if (language != null && (s.language() == null || !norm(s.language()).equals(language))) {
            return false;
        }
        return name == null || name.matcher(s.id()).matches();
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT);
    }
}
