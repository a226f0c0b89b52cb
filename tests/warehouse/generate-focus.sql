-- A FOCUS 1.2-shaped usage table of :rows rows (psql variable), generated on the server in one
-- INSERT ... SELECT over generate_series: six months (January to June 2026) of token usage of
-- three models, four features (each with its team), ten customers and three token kinds, plus a
-- tax row every 1,000 rows (not usage: a reader must leave it out). Columns as FOCUS names them.
CREATE TABLE focus_usage (
    "BilledCost" numeric,
    "BillingCurrency" text,
    "ChargeCategory" text,
    "ChargeDescription" text,
    "ChargePeriodEnd" timestamptz,
    "ChargePeriodStart" timestamptz,
    "ConsumedQuantity" numeric,
    "ConsumedUnit" text,
    "EffectiveCost" numeric,
    "ListCost" numeric,
    "PricingQuantity" numeric,
    "PricingUnit" text,
    "ProviderName" text,
    "PublisherName" text,
    "ResourceName" text,
    "ServiceName" text,
    "SkuId" text,
    "SkuMeter" text,
    "SkuPriceDetails" text,
    "SubAccountName" text,
    "Tags" text
);

-- Per row g: model m = g % 3, token kind k = (g / 3) % 3, feature f = (g / 9) % 4 (team f),
-- customer c = g % 10, day = 2026-01-01 + g % 181, quantity q = 1000 + g % 997 tokens.
-- Prices per 1M tokens (input, output, cached input): large 2.50/10.00/1.25,
-- mini 0.15/0.60/0.075, claude 3.00/15.00/0.30. EffectiveCost = q × price / 1M, exact (numeric).
INSERT INTO focus_usage
SELECT
    cost * 1.0,
    'USD',
    CASE WHEN tax THEN 'Tax' ELSE 'Usage' END,
    model || ' ' || kind || ' tokens',
    day + interval '1 day',
    day,
    CASE WHEN tax THEN NULL ELSE q END,
    CASE WHEN tax THEN NULL ELSE 'Tokens' END,
    cost,
    cost,
    CASE WHEN tax THEN NULL ELSE q / 1000000.0 END,
    CASE WHEN tax THEN NULL ELSE '1M Tokens' END,
    provider,
    provider,
    feature || '-prod',
    'AI models',
    model || '-' || kind,
    model || ' ' || initcap(replace(kind, '_', ' ')) || ' Tokens',
    CASE WHEN tax THEN NULL
         ELSE '{"x_ModelName": "' || model || '", "x_TokenType": "' || kind || '"}' END,
    'acct-' || feature,
    '{"feature": "' || feature || '", "team": "' || team || '", "customer": "customer-'
        || customer || '"}'
FROM (
    SELECT
        g,
        g % 1000 = 999 AS tax,
        (ARRAY['frontier-large', 'frontier-mini', 'claude-sonnet'])[g % 3 + 1] AS model,
        (ARRAY['OpenAI', 'OpenAI', 'Anthropic'])[g % 3 + 1] AS provider,
        (ARRAY['input', 'output', 'cached_input'])[(g / 3) % 3 + 1] AS kind,
        (ARRAY['support-assistant', 'lead-qualification', 'doc-summary', 'code-review'])
            [(g / 9) % 4 + 1] AS feature,
        (ARRAY['customer-care', 'sales', 'operations', 'engineering'])[(g / 9) % 4 + 1] AS team,
        g % 10 AS customer,
        timestamptz '2026-01-01 00:00:00+00' + (g % 181) * interval '1 day' AS day,
        (1000 + g % 997)::numeric AS q,
        (1000 + g % 997)::numeric
            * (ARRAY[2.50, 10.00, 1.25, 0.15, 0.60, 0.075, 3.00, 15.00, 0.30])
                [(g % 3) * 3 + (g / 3) % 3 + 1] / 1000000 AS cost
    FROM generate_series(0, :rows - 1) AS g
) AS rows;

-- A view without ConsumedUnit, for the "table without the expected columns" test.
CREATE VIEW focus_missing_unit AS
SELECT "ChargePeriodStart", "ChargeCategory", "ConsumedQuantity", "EffectiveCost",
       "ProviderName", "SkuPriceDetails", "SkuMeter", "SubAccountName", "Tags"
FROM focus_usage;
-- The view the test reads (a user's FOCUS data is often a view over the billing export).
CREATE VIEW focus_ai_usage AS SELECT * FROM focus_usage;
ANALYZE focus_usage;
