/// Placeholder until the suppression issue lands.
public enum Suppression {}
