package io.monban.idp.mfa;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who must use a second factor, and how long a step-up lasts.
 *
 * @param requiredForEveryone every user must use a second factor
 * @param requiredGroups      members of these groups must
 * @param requiredRoles       holders of these roles must (administrators always must)
 * @param stepUpLifetime      how long a second factor counts for a request that asks for it
 *                            ({@code acr_values=urn:monban:loa:2}); after that it is asked again
 */
@ConfigurationProperties("monban.mfa")
public record MfaProperties(@DefaultValue("false") boolean requiredForEveryone,
                            @DefaultValue List<String> requiredGroups,
                            @DefaultValue List<String> requiredRoles,
                            @DefaultValue("15m") Duration stepUpLifetime) {
}
