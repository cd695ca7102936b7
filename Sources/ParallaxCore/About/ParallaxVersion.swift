/// The version of Parallax: the library, the REPL and the `parallax` executable share it.
///
/// It is kept here only; `parallax --version` prints it and CHANGELOG.md's latest entry must
/// name it (a test checks).
public enum ParallaxVersion {
    /// The version, as semantic versioning writes it.
    public static let current = "0.2.0"
}
