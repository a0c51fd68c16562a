package com.example.outside;

import java.io.Serializable;

/** A value class outside the project's namespace, so outside the default allow-list. */
public record OutsideValue(String name, int count) implements Serializable {}
