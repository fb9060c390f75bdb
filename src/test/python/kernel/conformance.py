#!/usr/bin/python3
"""Jupyter's kernel conformance suite (Debian's python3-jupyter-kernel-test) against the sedlab kernel,
with the samples that fit Java. Of the suite's optional tests these apply: stdout, stderr, completion,
is_complete, error, execute_result, display_data, inspect. These do not: pager (Java has no pager;
documentation comes from inspect, Shift-Tab), clear_output (the notebook API has no clear_output), and
the history subtests (the kernel keeps no history; history requests get an empty one).
    usage: SEDLAB_KERNEL_NAME=$(bash environment/kernelspec.sh --name) /usr/bin/python3 src/test/python/kernel/conformance.py
"""
import os
import unittest

import jupyter_kernel_test


class SedlabKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ["SEDLAB_KERNEL_NAME"]

    language_name = "Java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'
    code_generate_error = 'throw new IllegalStateException("boom");'

    completion_samples = [
        {"text": '"abc".toUpperC', "matches": {"toUpperCase("}},
        {"text": 'String s = "abc"; s.isBl', "matches": {"isBlank()"}},
        {"text": "Syst"},
    ]
    complete_code_samples = ["int x = 1;", "1 + 1", "void hello() { }", "%jars"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "void f() {"]
    invalid_code_samples = ["}", "x)"]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "java.util.List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": "%%html\n<b>bold</b>", "mime": "text/html"},
    ]
    code_inspect_sample = "Math.max"


if __name__ == "__main__":
    unittest.main(verbosity=2)
