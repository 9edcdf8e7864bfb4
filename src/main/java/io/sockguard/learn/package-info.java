/**
 * Policy learning: read the JSON access log of a warn/audit or allow-all run ({@link io.sockguard.learn.AccessLogReader}),
 * suggest the minimal rules that allow exactly what was observed ({@link io.sockguard.learn.PolicySuggester}), and
 * replay the log against a candidate policy ({@link io.sockguard.learn.LogCheck}).
 */
package io.sockguard.learn;
