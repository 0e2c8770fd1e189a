import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** The toolchain's floor: an app with one empty stack, synthesized exactly like the real one. */
public final class EmptyApp {
    private EmptyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "Empty");
        app.synth();
    }
}
