package org.sedlab.kernel.maven;

import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependencies and repositories a POM (as pasted in a %%loadFromPOM cell) asks for.
 * Only what a notebook needs: runtime-relevant scopes, and ${property} values from its own properties.
 */
public final class PomDependencies {

    private static final Set<String> SKIPPED_SCOPES = Set.of("test", "provided", "system", "import");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    public final List<String> coordinates = new ArrayList<>();
    public final List<String[]> repositories = new ArrayList<>();

    /** Parses a whole POM, or just a {@code <dependencies>} / {@code <dependency>} fragment of one. */
    public static PomDependencies parse(String xml) throws IOException {
        String pom = xml.strip();
        if (!pom.contains("<project")) {
            pom = "<project><modelVersion>4.0.0</modelVersion>"
                    + (pom.startsWith("<dependencies") ? pom : "<dependencies>" + pom + "</dependencies>")
                    + "</project>";
        }
        Model model;
        try {
            model = new MavenXpp3Reader().read(new StringReader(pom), false);
        } catch (XmlPullParserException e) {
            throw new IOException("The POM is not valid XML: " + e.getMessage(), e);
        }
        PomDependencies result = new PomDependencies();
        Properties properties = model.getProperties();
        for (Repository repository : model.getRepositories()) {
            result.repositories.add(new String[] {repository.getId(), interpolate(repository.getUrl(), properties)});
        }
        for (Dependency d : model.getDependencies()) {
            if (d.getScope() != null && SKIPPED_SCOPES.contains(d.getScope())) {
                continue;
            }
            String classifier = d.getClassifier() == null ? "" : ":" + d.getClassifier();
            String type = d.getType() == null ? "jar" : d.getType();
            result.coordinates.add(interpolate(d.getGroupId() + ":" + d.getArtifactId() + ":" + type + classifier
                    + ":" + d.getVersion(), properties));
        }
        return result;
    }

    private static String interpolate(String text, Properties properties) {
        Matcher m = PROPERTY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = properties.getProperty(m.group(1), System.getProperty(m.group(1), m.group()));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
