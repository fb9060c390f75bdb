package org.sedlab.kernel.exec;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites the bytecode of the classes JShell compiles from cells, on every JDK (no security manager,
 * no Thread.stop):
 * <ul>
 *   <li>a stop check at the start of every method and before every backward jump, so a busy loop in
 *       cell code ends when the cell is stopped (what JShell's own local engine does since Java 22);</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}, called or taken as a method
 *       reference, throw {@link ExitRefusedException} instead: the kernel and its variables live on.</li>
 * </ul>
 * Code in libraries a cell calls is not rewritten.
 */
public final class SnippetGuard {

    private static final Logger LOG = LoggerFactory.getLogger(SnippetGuard.class);
    private static final String GUARD = Type.getInternalName(SnippetGuard.class);
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String EXIT_DESCRIPTOR = "(I)V";
    private static final String RUNTIME_EXIT_DESCRIPTOR = "(Ljava/lang/Runtime;I)V";

    /** Threads being stopped; read at every check, so a plain volatile flag says first whether any is. */
    private static final Set<Thread> STOPPING = ConcurrentHashMap.newKeySet();
    private static volatile boolean anyStopping;

    private SnippetGuard() {
    }

    /** Called by rewritten cell code: ends the calling thread's cell code if its cell is being stopped. */
    public static void checkStop() {
        if (anyStopping && STOPPING.contains(Thread.currentThread())) {
            throw new CellStopped();
        }
    }

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void exit(int status) {
        throw new ExitRefusedException();
    }

    /** Replaces {@code runtime.exit(status)} and {@code runtime.halt(status)} in cell code. */
    public static void exit(Runtime runtime, int status) {
        throw new ExitRefusedException();
    }

    /** From now on, cell code running on {@code thread} throws {@link CellStopped} at its next check. */
    static void stop(Thread thread) {
        STOPPING.add(thread);
        anyStopping = true;
    }

    /** Forgets a stopped thread once it has ended (or been given up on). */
    static void release(Thread thread) {
        STOPPING.remove(thread);
        anyStopping = !STOPPING.isEmpty();
    }

    /**
     * Ends a stopped cell's code: an Error, so that the {@code catch (Exception e)} common in cells does
     * not swallow it; a {@code catch (Throwable t)} that does meets the next check.
     */
    static final class CellStopped extends Error {
        CellStopped() {
            super("cell stopped", null, false, false);
        }
    }

    /** The class with the checks woven in; unchanged (and a warning) where ASM cannot read it. */
    static byte[] instrument(String className, byte[] classFile) {
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (IllegalArgumentException e) {
            // A class file newer than this ASM knows (a JDK released after the kernel was built).
            LOG.warn("Cannot rewrite {} ({}): System.exit in it is not refused and a busy loop in it cannot be stopped",
                    className, e.getMessage());
            return classFile;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new GuardedMethod(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class GuardedMethod extends MethodVisitor {

        private final Set<Label> seen = new HashSet<>();

        GuardedMethod(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            insertCheck();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label target) {
            if (seen.contains(target)) {
                insertCheck(); // a loop's back edge
            }
            super.visitJumpInsn(opcode, target);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && isSystemExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", EXIT_DESCRIPTOR, false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && isRuntimeExit(owner, name, descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", RUNTIME_EXIT_DESCRIPTOR, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        /** Method references ({@code System::exit}) reach the JDK through a handle in the lambda's bootstrap arguments. */
        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
            Object[] guarded = arguments.clone();
            for (int i = 0; i < guarded.length; i++) {
                if (guarded[i] instanceof Handle) {
                    guarded[i] = guardedHandle((Handle) guarded[i]);
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, guarded);
        }

        private void insertCheck() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "checkStop", "()V", false);
        }
    }

    private static Handle guardedHandle(Handle handle) {
        if (handle.getTag() == Opcodes.H_INVOKESTATIC && isSystemExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
            return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "exit", EXIT_DESCRIPTOR, false);
        }
        if (handle.getTag() == Opcodes.H_INVOKEVIRTUAL && isRuntimeExit(handle.getOwner(), handle.getName(), handle.getDesc())) {
            return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "exit", RUNTIME_EXIT_DESCRIPTOR, false);
        }
        return handle;
    }

    private static boolean isSystemExit(String owner, String name, String descriptor) {
        return SYSTEM.equals(owner) && "exit".equals(name) && EXIT_DESCRIPTOR.equals(descriptor);
    }

    private static boolean isRuntimeExit(String owner, String name, String descriptor) {
        return RUNTIME.equals(owner) && ("exit".equals(name) || "halt".equals(name)) && EXIT_DESCRIPTOR.equals(descriptor);
    }
}
