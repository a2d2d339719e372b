package io.monban.idp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module rules of ARCHITECTURE.md: dependencies point one way, protocols stay out of core. */
class LayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.monban");

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("io.monban.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.monban.idp..", "io.monban.scim..",
                        "io.monban.admin..")
                .check(classes);
    }

    @Test
    void coreHasNoWebOrProtocolCode() {
        noClasses().that().resideInAPackage("io.monban.core..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "jakarta.servlet..", "org.springframework.security.oauth2..", "org.springframework.security.web..",
                        "org.opensaml..")
                .check(classes);
    }

    @Test
    void scimAndAdminUiDoNotDependOnEachOtherOrTheServer() {
        noClasses().that().resideInAPackage("io.monban.scim..")
                .should().dependOnClassesThat().resideInAnyPackage("io.monban.idp..", "io.monban.admin..")
                .check(classes);
        noClasses().that().resideInAPackage("io.monban.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("io.monban.idp..", "io.monban.scim..")
                .check(classes);
    }
}
