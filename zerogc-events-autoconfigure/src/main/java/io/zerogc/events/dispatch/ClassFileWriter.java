package io.zerogc.events.dispatch;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough of a class-file writer for {@link SpecializedDispatcherFactory}: a constant pool,
 * fields, and methods with code and an exception table. It writes version 49 class files, which the
 * JVM verifies by type inference, so no stack map frames are needed.
 */
final class ClassFileWriter {

    static final int ACC_PUBLIC = 0x0001;
    static final int ACC_PRIVATE = 0x0002;
    static final int ACC_STATIC = 0x0008;
    static final int ACC_FINAL = 0x0010;
    static final int ACC_SUPER = 0x0020;
    static final int ACC_SYNTHETIC = 0x1000;

    private static final int VERSION_49 = 49;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;
    private final List<byte[]> fields = new ArrayList<>();
    private final List<byte[]> methods = new ArrayList<>();

    int utf8(String value) {
        return entry("U" + value, out -> {
            out.writeByte(1);
            out.writeUTF(value);
        });
    }

    int classRef(String internalName) {
        int name = utf8(internalName);
        return entry("C" + internalName, out -> {
            out.writeByte(7);
            out.writeShort(name);
        });
    }

    int string(String value) {
        int utf = utf8(value);
        return entry("S" + value, out -> {
            out.writeByte(8);
            out.writeShort(utf);
        });
    }

    int integer(int value) {
        return entry("I" + value, out -> {
            out.writeByte(3);
            out.writeInt(value);
        });
    }

    int fieldRef(String owner, String name, String descriptor) {
        return memberRef(9, owner, name, descriptor);
    }

    int methodRef(String owner, String name, String descriptor) {
        return memberRef(10, owner, name, descriptor);
    }

    int interfaceMethodRef(String owner, String name, String descriptor) {
        return memberRef(11, owner, name, descriptor);
    }

    void field(int access, String name, String descriptor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, out -> {
            out.writeShort(access);
            out.writeShort(utf8(name));
            out.writeShort(utf8(descriptor));
            out.writeShort(0);
        });
        fields.add(bytes.toByteArray());
    }

    void method(int access, String name, String descriptor, Code code) {
        int codeName = utf8("Code");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, out -> {
            out.writeShort(access);
            out.writeShort(utf8(name));
            out.writeShort(utf8(descriptor));
            out.writeShort(1);
            out.writeShort(codeName);
            byte[] instructions = code.bytes();
            out.writeInt(2 + 2 + 4 + instructions.length + 2 + 8 * code.handlers.size() + 2);
            out.writeShort(code.maxStack);
            out.writeShort(code.maxLocals);
            out.writeInt(instructions.length);
            out.write(instructions);
            out.writeShort(code.handlers.size());
            for (int[] handler : code.handlers) {
                out.writeShort(handler[0]);
                out.writeShort(handler[1]);
                out.writeShort(handler[2]);
                out.writeShort(handler[3]);
            }
            out.writeShort(0);
        });
        methods.add(bytes.toByteArray());
    }

    byte[] toBytes(int access, String thisClass, String superClass) {
        int self = classRef(thisClass);
        int parent = classRef(superClass);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, out -> {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION_49);
            out.writeShort(poolCount);
            pool.flush();
            out.write(poolBytes.toByteArray());
            out.writeShort(access);
            out.writeShort(self);
            out.writeShort(parent);
            out.writeShort(0);
            out.writeShort(fields.size());
            for (byte[] field : fields) {
                out.write(field);
            }
            out.writeShort(methods.size());
            for (byte[] method : methods) {
                out.write(method);
            }
            out.writeShort(0);
        });
        return bytes.toByteArray();
    }

    private int memberRef(int tag, String owner, String name, String descriptor) {
        int type = classRef(owner);
        int nameAndType = nameAndType(name, descriptor);
        return entry(tag + owner + "." + name + descriptor, out -> {
            out.writeByte(tag);
            out.writeShort(type);
            out.writeShort(nameAndType);
        });
    }

    private int nameAndType(String name, String descriptor) {
        int nameIndex = utf8(name);
        int descriptorIndex = utf8(descriptor);
        return entry("N" + name + ":" + descriptor, out -> {
            out.writeByte(12);
            out.writeShort(nameIndex);
            out.writeShort(descriptorIndex);
        });
    }

    private int entry(String key, Writer writer) {
        Integer existing = entries.get(key);
        if (existing != null) {
            return existing;
        }
        if (poolCount >= 0xFFFF) {
            throw new IllegalStateException("constant pool full");
        }
        try {
            writer.write(pool);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        int index = poolCount++;
        entries.put(key, index);
        return index;
    }

    private static void write(ByteArrayOutputStream target, Writer writer) {
        try (DataOutputStream out = new DataOutputStream(target)) {
            writer.write(out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * The body of one method: instructions, limits and exception handlers.
     */
    static final class Code {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<int[]> handlers = new ArrayList<>();
        private final int maxStack;
        private final int maxLocals;

        Code(int maxStack, int maxLocals) {
            this.maxStack = maxStack;
            this.maxLocals = maxLocals;
        }

        Code op(int opcode) {
            out.write(opcode);
            return this;
        }

        Code op1(int opcode, int operand) {
            out.write(opcode);
            out.write(operand);
            return this;
        }

        Code op2(int opcode, int operand) {
            out.write(opcode);
            out.write(operand >>> 8);
            out.write(operand);
            return this;
        }

        Code invokeInterface(int method, int argumentSlots) {
            op2(0xB9, method);
            out.write(argumentSlots);
            out.write(0);
            return this;
        }

        int position() {
            return out.size();
        }

        /** Catches any throwable raised in [start, end) at {@code handler}. */
        Code catchAll(int start, int end, int handler) {
            handlers.add(new int[] {start, end, handler, 0});
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
