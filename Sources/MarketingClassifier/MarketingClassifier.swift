import MailScanner

/// Placeholder until the classifier issue lands.
public enum MarketingClassifier {}
