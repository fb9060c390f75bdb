package org.sedlab.kernel.maven;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PomDependenciesTest {

    @Test
    void wholePomWithPropertiesScopesAndRepositories() throws IOException {
        PomDependencies pom = PomDependencies.parse("<project><modelVersion>4.0.0</modelVersion>"
                + "<properties><gson.version>2.8.9</gson.version></properties>"
                + "<repositories><repository><id>extra</id><url>https://example.org/m2</url></repository></repositories>"
                + "<dependencies>"
                + "<dependency><groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>${gson.version}</version></dependency>"
                + "<dependency><groupId>org.x</groupId><artifactId>natives</artifactId><version>1</version><classifier>linux</classifier></dependency>"
                + "<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>"
                + "</dependencies></project>");
        assertEquals(List.of("com.google.code.gson:gson:jar:2.8.9", "org.x:natives:jar:linux:1"), pom.coordinates);
        assertEquals("extra", pom.repositories.get(0)[0]);
        assertEquals("https://example.org/m2", pom.repositories.get(0)[1]);
    }

    @Test
    void aDependencyFragmentIsEnough() throws IOException {
        PomDependencies pom = PomDependencies.parse(
                "<dependency><groupId>a</groupId><artifactId>b</artifactId><version>1</version></dependency>");
        assertEquals(List.of("a:b:jar:1"), pom.coordinates);
    }

    @Test
    void brokenXmlIsAReadableError() {
        IOException e = assertThrows(IOException.class, () -> PomDependencies.parse("<dependency><groupId>"));
        assertEquals(true, e.getMessage().startsWith("The POM is not valid XML"));
    }
}
