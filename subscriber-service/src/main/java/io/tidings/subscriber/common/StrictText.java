package io.tidings.subscriber.common;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Text fields take only JSON strings: a number or boolean where text belongs (e.g.
 * {@code "firstName": 42}) is a 400 naming the field, not silently stored as {@code "42"}.
 * Applied to the mapper that reads request bodies and to the one that reads trigger recipients.
 */
@Configuration
public class StrictText {

    public static JsonMapper.Builder refuseScalarsAsText(JsonMapper.Builder builder) {
        return builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    JsonMapperBuilderCustomizer strictTextFields() {
        return StrictText::refuseScalarsAsText;
    }
}
