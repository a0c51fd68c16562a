package com.example.outside;

import java.io.Serializable;

/**
 * Stands for a class whose loading has side effects: its static initialiser sets a system property.
 * Tests never name it in code; bytes name it.
 */
public final class GadgetReal implements Serializable {
  /** The property the static initialiser sets. */
  public static final String INITIALISED = "test.gadget.initialised";

  private static final long serialVersionUID = 1L;

  static {
    System.setProperty(INITIALISED, "true");
  }

  public int payload;
}
