package io.monban.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes the SCIM endpoints' responses (Jackson 2 trees of the SCIM SDK) as
 * {@code application/scim+json} or {@code application/json}. Boot's converter is Jackson 3 and
 * would treat a Jackson 2 tree as a bean. Requests are read as text and parsed by
 * {@link ScimJson}, so that malformed JSON is answered with a SCIM invalidSyntax error.
 */
class ScimJsonMessageConverter extends AbstractHttpMessageConverter<JsonNode> {

    ScimJsonMessageConverter() {
        super(ScimJson.SCIM, MediaType.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return JsonNode.class.isAssignableFrom(clazz);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected JsonNode readInternal(Class<? extends JsonNode> clazz, HttpInputMessage inputMessage) {
        throw new HttpMessageNotReadableException("SCIM requests are read as text", inputMessage);
    }

    @Override
    protected void writeInternal(JsonNode node, HttpOutputMessage outputMessage) throws IOException {
        ScimJson.mapper().writeValue(outputMessage.getBody(), node);
    }
}
